/**
 * Least-squares line through (t, y) samples, with the standard error of its slope: the endurance
 * analysis calls growth a leak only when the slope stays above the bound by more than two
 * standard errors, so a noisy but flat series does not fail and a steady climb does.
 */
export interface Trend {
  slopePerHour: number;
  slopeStdErrPerHour: number;
  intercept: number;
  samples: number;
}

export function fitTrend(tSeconds: readonly number[], y: readonly number[]): Trend {
  const n = Math.min(tSeconds.length, y.length);
  if (n < 3) return { slopePerHour: Number.NaN, slopeStdErrPerHour: Number.NaN, intercept: Number.NaN, samples: n };
  let mt = 0;
  let my = 0;
  for (let i = 0; i < n; i += 1) {
    mt += tSeconds[i];
    my += y[i];
  }
  mt /= n;
  my /= n;
  let stt = 0;
  let sty = 0;
  for (let i = 0; i < n; i += 1) {
    stt += (tSeconds[i] - mt) ** 2;
    sty += (tSeconds[i] - mt) * (y[i] - my);
  }
  const slope = stt === 0 ? 0 : sty / stt;
  const intercept = my - slope * mt;
  let sse = 0;
  for (let i = 0; i < n; i += 1) sse += (y[i] - intercept - slope * tSeconds[i]) ** 2;
  const stderr = stt === 0 ? Number.POSITIVE_INFINITY : Math.sqrt(sse / (n - 2) / stt);
  return { slopePerHour: slope * 3600, slopeStdErrPerHour: stderr * 3600, intercept, samples: n };
}

/** Growth beyond `boundPerHour` with confidence: the slope's lower 2-SE limit exceeds the bound. */
export function exceeds(trend: Trend, boundPerHour: number): boolean {
  return trend.samples >= 3 && trend.slopePerHour - 2 * trend.slopeStdErrPerHour > boundPerHour;
}

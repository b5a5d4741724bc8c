/**
 * Binned calibration per group: equal-width bins over [0, 1] when every score is a probability,
 * else over [min, max]. Per bin: weight, mean score and observed positive rate (Wilson interval on
 * the Kish effective size). ECE = Σ_b (n_b/n)·|observed_b − mean_b|, only on the probability scale.
 * Sums are accumulated per intersection cell in one pass and then added up per group.
 */
import type { CalibrationBin, GroupReport } from './result-types.ts';
import { kish } from './tally.ts';
import { proportionInterval, type IntervalLevel } from './stats/intervals.ts';

export interface CalibrationCells {
  lo: number;
  hi: number;
  probability: boolean;
  bins: number;
  acc: Float64Array;
}

/**
 * acc layout: (cell * bins + bin) * 4 + [Σw, Σw², Σw·y, Σw·s]. min/max: of the scored rows' scores (the
 * AUC pass knows them; ±Infinity when there are none).
 */
export function accumulateCalibration(
  scores: Float64Array,
  y: Uint8Array,
  weights: Float64Array | null,
  cell: Int32Array,
  nCells: number,
  bins: number,
  { min, max }: { min: number; max: number },
): CalibrationCells {
  const probability = min >= 0 && max <= 1;
  const lo = probability ? 0 : min,
    hi = probability ? 1 : max;
  const scale = hi > lo ? bins / (hi - lo) : 0;
  const acc = new Float64Array(nCells * bins * 4);
  if (weights === null) {
    accumulateUnit(scores, y, cell, lo, scale, bins, acc);
    return { lo, hi, probability, bins, acc };
  }
  for (let i = 0; i < scores.length; i++) {
    const c = cell[i],
      s = scores[i];
    if (c < 0 || s !== s) continue;
    const b = Math.min(bins - 1, Math.floor((s - lo) * scale));
    const w = weights === null ? 1 : weights[i];
    const o = (c * bins + b) * 4;
    acc[o] += w;
    acc[o + 1] += w * w;
    acc[o + 2] += w * y[i];
    acc[o + 3] += w * s;
  }
  return { lo, hi, probability, bins, acc };
}

/** Unit weights: Σw, Σw² and Σw·y are counts (exact in any order); Σs keeps row order, as the weighted loop. */
function accumulateUnit(
  scores: Float64Array,
  y: Uint8Array,
  cell: Int32Array,
  lo: number,
  scale: number,
  bins: number,
  acc: Float64Array,
): void {
  const last = bins - 1;
  for (let i = 0; i < scores.length; i++) {
    const c = cell[i],
      s = scores[i];
    if (c < 0 || s !== s) continue;
    const f = Math.floor((s - lo) * scale);
    const o = (c * bins + (f < last ? f : last)) * 4;
    acc[o] += 1;
    acc[o + 2] += y[i];
    acc[o + 3] += s;
  }
  for (let o = 0; o < acc.length; o += 4) acc[o + 1] = acc[o];
}

export function calibrationForGroups(
  cal: CalibrationCells,
  cellToGroup: Int32Array | null,
  nCells: number,
  nGroups: number,
  level: IntervalLevel,
  minDenominator: number,
): NonNullable<GroupReport['calibration']>[] {
  const { bins, acc } = cal;
  const sums = new Float64Array(nGroups * bins * 4);
  for (let c = 0; c < nCells; c++) {
    const g = cellToGroup === null ? 0 : cellToGroup[c];
    for (let q = 0; q < bins * 4; q++) sums[g * bins * 4 + q] += acc[c * bins * 4 + q];
  }
  const width = (cal.hi - cal.lo) / bins;
  return Array.from({ length: nGroups }, (_, g) => {
    let total = 0,
      gap = 0;
    const out: CalibrationBin[] = [];
    for (let b = 0; b < bins; b++) {
      const o = (g * bins + b) * 4;
      const w = sums[o],
        eff = kish(w, sums[o + 1]);
      const lower = cal.lo + b * width,
        upper = b === bins - 1 ? cal.hi : cal.lo + (b + 1) * width;
      if (!(w > 0)) {
        out.push({
          lower,
          upper,
          n: 0,
          meanScore: null,
          observedRate: { value: null, reason: 'empty_group', numerator: 0, denominator: 0, smallCell: true },
        });
        continue;
      }
      const p = sums[o + 2] / w,
        mean = sums[o + 3] / w;
      total += w;
      gap += w * Math.abs(p - mean);
      out.push({
        lower,
        upper,
        n: w,
        meanScore: mean,
        observedRate: {
          value: p,
          interval: proportionInterval(p * eff, eff, level),
          numerator: sums[o + 2],
          denominator: w,
          smallCell: eff < minDenominator,
        },
      });
    }
    return { bins: out, ece: cal.probability && total > 0 ? gap / total : null };
  });
}

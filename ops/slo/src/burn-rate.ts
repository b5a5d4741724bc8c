import { durationSeconds } from './durations.ts';
import { BURN_PAIRS, SLO_PERIOD, type BurnPairSpec, type SloSpec } from './spec.ts';

/** Twelve significant digits: 14.4 * (1 - 0.999) is written 0.0144, not 0.014400000000000012. */
export function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/** Fewest events for which one bad event alone stays at or under `ratio` (1/N <= ratio). */
export function minEventsFor(ratio: number): number {
  return Math.ceil(tidy(1 / ratio));
}

export interface BurnPair extends BurnPairSpec {
  /** Burn rate that spends `budgetShare` of the period's budget within the long window. */
  readonly factor: number;
  /** Error ratio both windows must exceed: factor * (1 - objective). */
  readonly threshold: number;
  /**
   * Events the long window must hold before the pair may fire: enough that a single bad event
   * stays below the threshold, so a quiet service with one failed request pages no one.
   */
  readonly minEvents: number;
}

export function burnFactor(pair: BurnPairSpec): number {
  return tidy((pair.budgetShare * durationSeconds(SLO_PERIOD)) / durationSeconds(pair.long));
}

export function errorBudget(slo: SloSpec): number {
  return tidy(1 - slo.objective);
}

export function burnPairs(slo: SloSpec): BurnPair[] {
  return BURN_PAIRS.map((pair) => {
    const factor = burnFactor(pair);
    const threshold = tidy(factor * errorBudget(slo));
    if (threshold >= 1)
      throw new Error(
        `${slo.service.service} ${slo.slo}: objective ${slo.objective} can never burn ${factor}x (threshold ${threshold} >= 1)`,
      );
    return { ...pair, factor, threshold, minEvents: minEventsFor(threshold) };
  });
}

/** Every window the SLO records use: the long and short windows of all pairs, sorted. */
export function sliWindows(): string[] {
  const all = new Set(BURN_PAIRS.flatMap((p) => [p.long, p.short]));
  return [...all].sort((a, b) => durationSeconds(a) - durationSeconds(b));
}

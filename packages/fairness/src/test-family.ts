/**
 * The family of significance tests of one report. It holds every pairwise test a report could
 * show: for each attribute and each tested rate, every pair of eligible groups (not small cells).
 * The tests shown (the extreme pair of each spread, reference and disparate-impact comparisons)
 * are a data-chosen subset of these, so Holm's correction runs over the whole family: the chance
 * of any false "significant" among the tests shown stays ≤ α. Complements (FNR of TPR, FDR of
 * PPV, ...) share one test, so each distinct hypothesis counts once.
 */
import type { MultipleTesting, RateName, SignificanceTest } from './result-types.ts';
import { TESTED_RATE, testPair } from './pair.ts';
import { effectiveRate } from './rates.ts';
import { compareProportions } from './stats/tests.ts';
import type { Tally } from './tally.ts';
import { holm } from './stats/tests.ts';

export const TESTED_RATES: readonly RateName[] = [...new Set(Object.values(TESTED_RATE))];

export class TestFamily {
  private readonly byKey = new Map<string, SignificanceTest>();
  private finalized = false;
  private readonly alpha: number;

  constructor(alpha: number) {
    this.alpha = alpha;
  }

  /** Registers (or finds) the test of a vs b on `metric` within `attribute`; null when the metric has no test or a rate is undefined. */
  register(attribute: string, metric: RateName, a: Tally, b: Tally): string | null {
    const tested = TESTED_RATE[metric];
    if (!tested) return null;
    if (a.key === b.key) throw new Error(`TestFamily: group "${a.key}" compared with itself`);
    if (this.finalized) throw new Error('TestFamily.register after finalize');
    const [first, second] = a.key <= b.key ? [a, b] : [b, a];
    const key = `${attribute}\u0000${tested}\u0000${first.key}\u0000${second.key}`;
    if (this.byKey.has(key)) return key;
    const raw = testPair(tested, first, second);
    if (!raw) return null;
    this.byKey.set(key, {
      method: raw.method, metric: tested, groups: [first.key, second.key],
      statistic: raw.statistic, pValue: raw.pValue, pAdjusted: raw.pValue, significant: false,
    });
    return key;
  }

  /** Every pair of the given (eligible) groups on one tested rate. */
  registerAllPairs(attribute: string, metric: RateName, groups: readonly Tally[]): void {
    const tested = TESTED_RATE[metric];
    if (!tested) return;
    const sorted = [...groups].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // Each group's rate once, not once per pair: K(K−1)/2 tests per rate is the hot loop of a report.
    const rates = sorted.map((t) => effectiveRate(t, tested));
    const prefix = `${attribute}\u0000${tested}\u0000`;
    for (let i = 0; i < sorted.length; i++) {
      const a = rates[i];
      if (!a) continue;
      for (let j = i + 1; j < sorted.length; j++) {
        const b = rates[j];
        if (!b) continue;
        const key = `${prefix}${sorted[i].key}\u0000${sorted[j].key}`;
        if (this.byKey.has(key)) continue;
        const raw = compareProportions(a.x, a.n, b.x, b.n);
        this.byKey.set(key, {
          method: raw.method, metric: tested, groups: [sorted[i].key, sorted[j].key],
          statistic: raw.statistic, pValue: raw.pValue, pAdjusted: raw.pValue, significant: false,
        });
      }
    }
  }

  finalize(): void {
    const tests = [...this.byKey.values()];
    const adjusted = holm(tests.map((t) => t.pValue));
    tests.forEach((t, i) => { t.pAdjusted = adjusted[i]; t.significant = adjusted[i] < this.alpha; });
    this.finalized = true;
  }

  get(key: string | null): SignificanceTest | null {
    if (key === null) return null;
    if (!this.finalized) throw new Error('TestFamily.get before finalize');
    return this.byKey.get(key) ?? null;
  }

  /** What the report says about its correction. */
  statement(shown: number): MultipleTesting {
    // 1 − 0.95 is 0.050000000000000044 in binary; the statement shows the level the user asked for.
    const alpha = Number(this.alpha.toPrecision(12));
    return {
      correction: 'holm', family: 'report', hypotheses: this.byKey.size, shown, alpha,
      description: `Holm over all ${this.byKey.size} pairwise tests of eligible groups (every attribute, every tested rate); `
        + `the ${shown} tests shown are among them, so the chance of any false "significant" in this report is at most ${alpha}`,
    };
  }
}

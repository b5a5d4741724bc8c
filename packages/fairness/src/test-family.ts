/**
 * The family of significance tests of one attribute. Every comparison between two eligible groups
 * (not small cells) registers its test here; complements (FNR of TPR, FDR of PPV, ...) and repeated
 * pairs share one test, so the family counts each distinct hypothesis once. Holm adjusts across it.
 */
import type { RateName, SignificanceTest } from './result-types.ts';
import { TESTED_RATE, testPair } from './pair.ts';
import type { Tally } from './tally.ts';
import { holm } from './stats/tests.ts';

export class TestFamily {
  private readonly byKey = new Map<string, SignificanceTest>();
  private finalized = false;
  private readonly alpha: number;

  constructor(alpha: number) {
    this.alpha = alpha;
  }

  /** Registers (or finds) the test of a vs b on `metric`; null when the metric has no test or a rate is undefined. */
  register(metric: RateName, a: Tally, b: Tally): string | null {
    const tested = TESTED_RATE[metric];
    if (!tested) return null;
    const [first, second] = a.key <= b.key ? [a, b] : [b, a];
    const key = `${tested}\u0000${first.key}\u0000${second.key}`;
    if (this.byKey.has(key)) return key;
    const raw = testPair(tested, first, second);
    if (!raw) return null;
    this.byKey.set(key, {
      method: raw.method, metric: tested, groups: [first.key, second.key],
      statistic: raw.statistic, pValue: raw.pValue, pAdjusted: raw.pValue, significant: false,
    });
    return key;
  }

  finalize(): SignificanceTest[] {
    const tests = [...this.byKey.values()];
    const adjusted = holm(tests.map((t) => t.pValue));
    tests.forEach((t, i) => { t.pAdjusted = adjusted[i]; t.significant = adjusted[i] < this.alpha; });
    this.finalized = true;
    return tests;
  }

  get(key: string | null): SignificanceTest | null {
    if (key === null) return null;
    if (!this.finalized) throw new Error('TestFamily.get before finalize');
    return this.byKey.get(key) ?? null;
  }
}

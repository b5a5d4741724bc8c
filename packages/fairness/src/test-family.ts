/**
 * The family of significance tests of one report. It holds every pairwise test a report could
 * show: for each attribute and each tested rate, every pair of eligible groups (not small cells).
 * The tests shown (the extreme pair of each spread, reference and disparate-impact comparisons)
 * are a data-chosen subset of these, so the correction runs over the whole family: the chance of
 * any false "significant" among the tests shown stays ≤ α. Complements (FNR of TPR, FDR of PPV,
 * ...) share one test, so each distinct hypothesis counts once.
 *
 * Holm's step-down needs every p-value of the family. Up to HOLM_LIMIT hypotheses they are all
 * computed; beyond (an intersection with hundreds of eligible groups has millions of pairs) the
 * shown tests are Bonferroni-adjusted by the family's size, which needs only the count.
 */
import type { MultipleTesting, RateName, SignificanceTest } from './result-types.ts';
import { TESTED_RATE, testPair } from './pair.ts';
import { effectiveRate } from './rates.ts';
import type { Tally } from './tally.ts';
import { compareProportions, holm } from './stats/tests.ts';

export const TESTED_RATES: readonly RateName[] = [...new Set(Object.values(TESTED_RATE))];
export const HOLM_LIMIT = 20_000;

interface PairSet {
  attribute: string;
  tested: RateName;
  groups: readonly Tally[];
}

const pairKey = (attribute: string, tested: RateName, first: string, second: string) =>
  `${attribute}\u0000${tested}\u0000${first}\u0000${second}`;

export class TestFamily {
  private readonly byKey = new Map<string, SignificanceTest>();
  /** The registered (shown) pairs by attribute and tested rate, so the all-pairs pass can skip them. */
  private readonly shownPairs = new Map<string, [string, string][]>();
  private readonly pairSets: PairSet[] = [];
  private hypotheses = 0;
  private correction: MultipleTesting['correction'] = 'holm';
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
    const key = pairKey(attribute, tested, first.key, second.key);
    if (this.byKey.has(key)) return key;
    const raw = testPair(tested, first, second);
    if (!raw) return null;
    const set = `${attribute}\u0000${tested}`;
    this.shownPairs.set(set, [...(this.shownPairs.get(set) ?? []), [first.key, second.key]]);
    this.byKey.set(key, {
      method: raw.method,
      metric: tested,
      groups: [first.key, second.key],
      statistic: raw.statistic,
      pValue: raw.pValue,
      pAdjusted: raw.pValue,
      significant: false,
    });
    return key;
  }

  /** Adds every pair of the given (eligible) groups on one tested rate to the family. */
  addAllPairs(attribute: string, metric: RateName, groups: readonly Tally[]): void {
    const tested = TESTED_RATE[metric];
    if (!tested) return;
    const defined = groups.filter((t) => effectiveRate(t, tested) !== null);
    this.hypotheses += (defined.length * (defined.length - 1)) / 2;
    this.pairSets.push({ attribute, tested, groups: defined });
  }

  finalize(): void {
    if (this.hypotheses <= HOLM_LIMIT) {
      // The shown tests first, then the p-values of every other pair (no objects: only Holm needs them).
      const shown = [...this.byKey.values()];
      const pValues = shown.map((t) => t.pValue);
      for (const s of this.pairSets) this.otherPairsPValues(s, pValues);
      const adjusted = holm(pValues);
      shown.forEach((t, i) => {
        t.pAdjusted = adjusted[i];
        t.significant = adjusted[i] < this.alpha;
      });
    } else {
      this.correction = 'bonferroni';
      for (const t of this.byKey.values()) {
        t.pAdjusted = Math.min(1, t.pValue * this.hypotheses);
        t.significant = t.pAdjusted < this.alpha;
      }
    }
    this.finalized = true;
  }

  /**
   * Appends the raw p-value of every pair of the set that is not a shown test. Each group's rate
   * is computed once, not once per pair: K(K−1)/2 tests per rate is the hot loop of a report.
   */
  private otherPairsPValues({ attribute, tested, groups }: PairSet, out: number[]): void {
    const k = groups.length;
    const rates = groups.map((t) => effectiveRate(t, tested)!);
    const index = new Map(groups.map((t, i) => [t.key, i]));
    const shown = new Uint8Array(k * k);
    for (const [a, b] of this.shownPairs.get(`${attribute}\u0000${tested}`) ?? []) {
      const i = index.get(a),
        j = index.get(b);
      if (i !== undefined && j !== undefined) shown[i * k + j] = shown[j * k + i] = 1;
    }
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        if (shown[i * k + j]) continue;
        // Ordered by key, as shown tests are, so the statistic's sign convention matches.
        const [a, b] = groups[i].key <= groups[j].key ? [rates[i], rates[j]] : [rates[j], rates[i]];
        out.push(compareProportions(a.x, a.n, b.x, b.n).pValue);
      }
    }
  }

  /** The correction's name as the verdicts' reasons print it (after finalize). */
  correctionName(): string {
    return this.correction === 'holm' ? 'Holm' : 'Bonferroni';
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
    const m = this.hypotheses;
    return {
      correction: this.correction,
      family: 'report',
      hypotheses: m,
      shown,
      alpha,
      description:
        `${this.correction === 'holm' ? 'Holm' : 'Bonferroni'} over all ${m} pairwise tests of eligible groups (every attribute, every tested rate); ` +
        `the ${shown} tests shown are among them, so the chance of any false "significant" in this report is at most ${alpha}` +
        (this.correction === 'holm'
          ? ''
          : ` (Bonferroni, since Holm would need all ${m} p-values: more than ${HOLM_LIMIT})`),
    };
  }
}

/**
 * Monte Carlo check of what the engine claims about uncertainty with many groups (issue 18):
 * each simulated audit draws every group's confusion counts, runs `auditFromCounts` as a user
 * would, and scores
 *   - coverage: does the spread interval (max − min and min / max) contain the true gap over the
 *     spread's eligible groups? For selection rate, and the worst over all rates;
 *   - family-wise error (null cells, where every group has the same joint distribution): is any
 *     test the report shows (attributes[].tests) significant?
 *   - width: the median selection-rate max − min interval width against the same construction
 *     with Bonferroni-adjusted pairwise Wilson/Newcombe intervals, computed here independently.
 * Label and decision are independent Bernoulli(r) per row, so every rate sits near r or 1 − r.
 */
import { auditFromCounts, type AuditResult, type RateName } from '@ethixai/fairness';

export interface CellSpec {
  groups: number;
  sizes: 'equal' | 'unequal';
  level: number;
  truth: 'equal' | 'spread';
}

export interface CellResult extends CellSpec {
  sims: number;
  coverageDifference: number;
  coverageRatio: number;
  /** Lowest coverage over every rate and both intervals, among rates eligible in ≥ half the sims. */
  worstCoverage: number;
  worstCoverageOf: string;
  /** Null cells only; null otherwise. */
  fwer: number | null;
  medianWidth: number;
  medianBonferroniWidth: number;
}

export const GROUP_COUNTS = [2, 3, 5, 10, 20] as const;
export const LEVELS = [0.03, 0.5, 0.97] as const;

export function allCells(): CellSpec[] {
  const out: CellSpec[] = [];
  for (const truth of ['equal', 'spread'] as const) {
    for (const groups of GROUP_COUNTS) {
      for (const sizes of ['equal', 'unequal'] as const)
        for (const level of LEVELS) out.push({ groups, sizes, level, truth });
    }
  }
  return out;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Group sizes: 200 each, or geometric from 50 to 800. */
export function groupSizes(spec: CellSpec): number[] {
  return Array.from({ length: spec.groups }, (_, i) =>
    spec.sizes === 'equal' ? 200 : Math.round(50 * 16 ** (spec.groups === 1 ? 0 : i / (spec.groups - 1))),
  );
}

/** True per-group r: all equal to the level, or spread evenly over level ± δ. */
export function groupRates(spec: CellSpec): number[] {
  const delta = spec.level === 0.5 ? 0.1 : 0.02;
  return Array.from({ length: spec.groups }, (_, i) =>
    spec.truth === 'equal' ? spec.level : spec.level + delta * ((2 * i) / (spec.groups - 1) - 1),
  );
}

/** True value of each rate when label and decision are independent Bernoulli(r). */
function trueRate(metric: RateName, r: number): number {
  switch (metric) {
    case 'selection_rate':
    case 'base_rate':
    case 'tpr':
    case 'fpr':
    case 'ppv':
    case 'for':
      return r;
    case 'fnr':
    case 'tnr':
    case 'npv':
    case 'fdr':
      return 1 - r;
    case 'accuracy':
      return r * r + (1 - r) * (1 - r);
  }
}

function drawCounts(n: number, r: number, u: () => number) {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < n; i++) {
    const y = u() < r,
      p = u() < r;
    if (y) {
      if (p) c.tp++;
      else c.fn++;
    } else if (p) c.fp++;
    else c.tn++;
  }
  return c;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Φ⁻¹ by bisection on erfc-free series: independent of the engine's normal quantile. */
function normalUpper(tail: number): number {
  let lo = 0,
    hi = 40;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (upperTail(mid) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
/** P(Z > z) by the continued fraction of Mills' ratio (z ≥ 0). */
function upperTail(z: number): number {
  if (z < 3) {
    // Taylor series of Φ at 0: Φ(z) − ½ = φ(z) Σ z^(2k+1)/(1·3·…·(2k+1)).
    let term = z,
      sum = z;
    for (let k = 1; k < 200; k++) {
      term *= (z * z) / (2 * k + 1);
      sum += term;
    }
    return 0.5 - (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * sum;
  }
  let f = 0;
  for (let k = 60; k >= 1; k--) f = k / (z + f);
  return Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI) / (z + f);
}

/** Bonferroni-adjusted max − min bounds from Wilson + Newcombe over all ordered pairs. */
function bonferroniWidth(counts: { x: number; n: number }[], alpha: number): number {
  const m = (counts.length * (counts.length - 1)) / 2;
  const z = normalUpper(alpha / m / 2);
  const w = counts.map(({ x, n }) => {
    const p = x / n,
      z2 = z * z,
      d = 1 + z2 / n;
    const c = (p + z2 / (2 * n)) / d,
      h = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / d;
    return { p, lo: Math.max(0, Math.min(p, c - h)), hi: Math.min(1, Math.max(p, c + h)) };
  });
  let lo = 0,
    hi = 0;
  for (const a of w) {
    for (const b of w) {
      if (a === b) continue;
      lo = Math.max(lo, a.p - b.p - Math.sqrt((a.p - a.lo) ** 2 + (b.hi - b.p) ** 2));
      hi = Math.max(hi, a.p - b.p + Math.sqrt((a.hi - a.p) ** 2 + (b.p - b.lo) ** 2));
    }
  }
  return Math.min(1, hi) - lo;
}

const RATES: RateName[] = [
  'selection_rate',
  'base_rate',
  'tpr',
  'fpr',
  'fnr',
  'tnr',
  'ppv',
  'npv',
  'fdr',
  'for',
  'accuracy',
];

function covers(interval: [number, number] | null, truth: number): boolean {
  return interval !== null && interval[0] <= truth + 1e-12 && truth <= interval[1] + 1e-12;
}

export function runCell(spec: CellSpec, sims: number, seed: number, confidence = 0.95): CellResult {
  const u = rng(seed);
  const sizes = groupSizes(spec),
    rates = groupRates(spec);
  const keys = sizes.map((_, i) => `g${String(i).padStart(2, '0')}`);
  const hits = new Map<string, { covered: number; total: number }>();
  const tally = (name: string, ok: boolean) => {
    const h = hits.get(name) ?? { covered: 0, total: 0 };
    h.total++;
    if (ok) h.covered++;
    hits.set(name, h);
  };
  let errors = 0;
  const widths: number[] = [],
    bonferroni: number[] = [];
  for (let s = 0; s < sims; s++) {
    const groups = sizes.map((n, i) => ({ key: keys[i], counts: drawCounts(n, rates[i], u) }));
    const report: AuditResult = auditFromCounts({ attributes: [{ name: 'g', groups }] }, { confidence });
    const attr = report.attributes[0];
    if (attr.tests.some((t) => t.significant)) errors++;
    for (const sp of attr.spreads) {
      if (sp.difference.value === null) continue;
      const truths = sp.eligibleGroups.map((k) => trueRate(sp.metric, rates[keys.indexOf(k)]));
      const hiT = Math.max(...truths),
        loT = Math.min(...truths);
      tally(`${sp.metric} difference`, covers(sp.difference.interval, hiT - loT));
      if (sp.ratio.value !== null && hiT > 0) tally(`${sp.metric} ratio`, covers(sp.ratio.interval, loT / hiT));
      if (sp.metric === 'selection_rate' && sp.difference.interval) {
        widths.push(sp.difference.interval[1] - sp.difference.interval[0]);
        const eligible = sp.eligibleGroups.map((k) => groups[keys.indexOf(k)].counts);
        bonferroni.push(
          bonferroniWidth(
            eligible.map((c) => ({ x: c.tp + c.fp, n: c.tp + c.fp + c.tn + c.fn })),
            1 - confidence,
          ),
        );
      }
    }
  }
  const rate = (name: string) => {
    const h = hits.get(name);
    return h && h.total > 0 ? h.covered / h.total : NaN;
  };
  let worst = 1,
    worstOf = '';
  for (const metric of RATES) {
    for (const kind of ['difference', 'ratio']) {
      const name = `${metric} ${kind}`,
        h = hits.get(name);
      if (!h || h.total < sims / 2) continue;
      if (h.covered / h.total < worst) {
        worst = h.covered / h.total;
        worstOf = name;
      }
    }
  }
  return {
    ...spec,
    sims,
    coverageDifference: rate('selection_rate difference'),
    coverageRatio: rate('selection_rate ratio'),
    worstCoverage: worst,
    worstCoverageOf: worstOf,
    fwer: spec.truth === 'equal' ? errors / sims : null,
    medianWidth: median(widths),
    medianBonferroniWidth: median(bonferroni),
  };
}

/** Thresholds lowered by two Monte Carlo standard errors at `sims` per cell (CI runs). */
export function thresholds(sims: number, coverage = 0.94, fwer = 0.05) {
  return {
    coverage: coverage - 2 * Math.sqrt((coverage * (1 - coverage)) / sims),
    fwer: fwer + 2 * Math.sqrt((fwer * (1 - fwer)) / sims),
  };
}

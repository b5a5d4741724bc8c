/**
 * Fits the surrogate to the model's decisions and measures it: encodes the features, fits the
 * penalised logistic regression on the (sub)sample, then one pass over all included rows for
 * fidelity and exact attributions, and permutation importance on a bounded sample.
 */
import type { Column } from '../table.ts';
import { coefficientsOf, contributionPass, shares } from './attributions.ts';
import {
  buildSlotDesign,
  encodeFeature,
  encodingWidth,
  type FeatureEncoding,
  type UsedEncoding,
} from './design-matrix.ts';
import { agreement, auc, majorityAgreement } from './fidelity.ts';
import { fitLogistic } from './logistic-regression.ts';
import { permutationImportance } from './permutation-importance.ts';
import { allPositions, deriveSeed, mulberry32, sampleSorted } from './prng.ts';
import type { FeatureDriver, SurrogateSummary } from './types.ts';

export interface SurrogateSettings {
  lambda: number;
  maxIterations: number;
  maxLevels: number;
  permutationSample: number;
  permutationRepeats: number;
  seed: number;
}

const excludedDriver = (
  e: { name: string; kind: 'numeric' | 'categorical' },
  reason: FeatureDriver['excludedReason'],
): FeatureDriver => ({
  name: e.name,
  kind: e.kind,
  excludedReason: reason,
  coefficients: [],
  meanAbsContribution: null,
  share: null,
  permutationImportance: null,
  rank: null,
});

function countPositives(d: Uint8Array, at: Uint32Array | null): number {
  let pos = 0;
  const n = at === null ? d.length : at.length;
  for (let i = 0; i < n; i++) pos += d[at === null ? i : at[i]];
  return pos;
}

const WARM_START_STRIDE = 8;
const WARM_START_MIN_ROWS = 50_000;

function fitOn(
  used: UsedEncoding[],
  sample: Uint32Array,
  decisions: Uint8Array,
  columns: number,
  s: SurrogateSettings,
  start: Float64Array | null,
) {
  const design = buildSlotDesign(used, sample, columns);
  const y = new Uint8Array(sample.length);
  for (let i = 0; i < sample.length; i++) y[i] = decisions[sample[i]];
  return fitLogistic(design, y, s.lambda, s.maxIterations, start);
}

/**
 * On a large sample the first Newton iterations only need a rough direction: they run on every
 * 8th sampled row (a fixed stride, so the start never depends on the seed), and the final,
 * exact iterations on the whole sample start from there — typically 2-3 instead of 7.
 */
function fitWarmStarted(
  used: UsedEncoding[],
  sample: Uint32Array,
  decisions: Uint8Array,
  columns: number,
  s: SurrogateSettings,
) {
  if (sample.length < WARM_START_MIN_ROWS) return fitOn(used, sample, decisions, columns, s, null);
  const strided = new Uint32Array(Math.ceil(sample.length / WARM_START_STRIDE));
  for (let i = 0; i < strided.length; i++) strided[i] = sample[i * WARM_START_STRIDE];
  // Any start is safe (the line search only accepts descent), so even a poor subset optimum
  // (e.g. a rare decision class absent from it) costs iterations, never correctness.
  const warm = fitOn(used, strided, decisions, columns, s, null);
  return fitOn(used, sample, decisions, columns, s, warm.beta);
}

export function fitSurrogate(
  names: string[],
  columns: Column[],
  rows: Uint32Array | null,
  decisions: Uint8Array,
  fitSample: Uint32Array,
  s: SurrogateSettings,
): { summary: SurrogateSummary; features: FeatureDriver[] } {
  const m = decisions.length;
  const encodings: FeatureEncoding[] = [];
  let offset = 1;
  names.forEach((name, j) => {
    const e = encodeFeature(name, columns[j], rows, s.maxLevels, offset);
    if (e.excludedReason === null) offset += encodingWidth(e);
    encodings.push(e);
  });
  const fail = (reason: 'no_rows' | 'decisions_constant' | 'no_usable_features', message: string) => ({
    summary: { fitted: false as const, reason, message },
    features: encodings.map((e) => excludedDriver(e, e.excludedReason)),
  });
  if (m === 0) return fail('no_rows', 'No rows are included in the audit.');
  const positives = countPositives(decisions, null);
  if (positives === 0 || positives === m) {
    return fail(
      'decisions_constant',
      `Every included decision is ${positives === 0 ? 0 : 1}: there is nothing for a surrogate to explain.`,
    );
  }
  const used = encodings.filter((e): e is UsedEncoding => e.excludedReason === null);
  if (used.length === 0)
    return fail('no_usable_features', 'Every feature is constant or entirely missing on the included rows.');

  // A subsample can miss a rare decision class entirely; the fit then needs every row.
  const samplePositives = countPositives(decisions, fitSample);
  const sample = samplePositives === 0 || samplePositives === fitSample.length ? allPositions(m) : fitSample;
  const fit = fitWarmStarted(used, sample, decisions, offset, s);

  const permRandom = mulberry32(deriveSeed(s.seed, 2));
  const permRows = sampleSorted(m, s.permutationSample, permRandom);
  const pass = contributionPass(used, fit.beta, m, permRows);
  const permEta = new Float64Array(permRows.length);
  const permDecisions = new Uint8Array(permRows.length);
  for (let k = 0; k < permRows.length; k++) {
    permEta[k] = pass.eta[permRows[k]];
    permDecisions[k] = decisions[permRows[k]];
  }
  const perm = permutationImportance(
    permEta,
    pass.sampleContrib,
    used.length,
    permDecisions,
    s.permutationRepeats,
    permRandom,
  );
  const share = shares(pass.meanAbs);
  const byName = new Map(used.map((e, f) => [e.name, f]));
  const features = encodings.map((e): FeatureDriver => {
    if (e.excludedReason !== null) return excludedDriver(e, e.excludedReason);
    const f = byName.get(e.name) as number;
    return {
      name: e.name,
      kind: e.kind,
      excludedReason: null,
      coefficients: coefficientsOf(e, fit.beta),
      meanAbsContribution: pass.meanAbs[f],
      share: share[f],
      permutationImportance: perm[f],
      rank: null,
    };
  });
  const summary: SurrogateSummary = {
    fitted: true,
    nFit: sample.length,
    subsampled: sample.length < m,
    iterations: fit.iterations,
    converged: fit.converged,
    intercept: fit.beta[0],
    designColumns: offset,
    fidelity: {
      agreement: agreement(pass.eta, decisions),
      majorityAgreement: majorityAgreement(decisions),
      auc: auc(pass.eta, decisions) as number,
      n: m,
    },
  };
  return { summary, features };
}

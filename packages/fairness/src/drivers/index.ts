/**
 * Drivers and proxies: what drives the model's decisions (a named, measured surrogate with exact
 * attributions and permutation importance) and which features stand in for protected attributes
 * (Cramér's V and NMI per feature x attribute), with flags when the two meet in the top drivers.
 *
 * Constants (reported in `method` so a stored report says how it was made):
 * - lambda 1e-3 on mean log-loss: a standardised column's curvature in the data term is
 *   ~0.1-0.25, so its coefficient shrinks by lambda / (curvature + lambda) ≈ 0.4-1%; a rare
 *   one-hot level (curvature x its share) shrinks more, on purpose — it is the unstable one. Yet
 *   the penalty keeps coefficients finite when the decisions are an exact function of the
 *   features — the normal case for a deployed model, where an unpenalised fit has no optimum.
 * - Fit on at most 200k seeded rows: coefficients' sampling error there is ~1/sqrt(200k) ≈ 0.2%,
 *   far below what changes a ranking, and the fit cost stops growing with n. Fidelity and
 *   attributions always use every included row.
 * - Proxy threshold 0.3: the conventional boundary of a "moderate" association for Cramér's V
 *   (Cohen 1988: 0.1 small, 0.3 medium, 0.5 large for one degree of freedom). At 0.3 a feature
 *   explains enough of an attribute that a model can partly reconstruct it; set lower for a
 *   stricter audit. Judged on the bias-corrected V, so table size does not create proxies.
 * - A driver needs at least 1% of the attribution to be flagged: a near-zero ridge coefficient
 *   that ranks in the top K only because there are few features is not "driving" anything.
 */
import { gatherDecisions } from './columns.ts';
import { driverFlags, rankFeatures } from './flags.ts';
import { deriveSeed, mulberry32, sampleSorted } from './prng.ts';
import { featureProxies, NUMERIC_BINS, PROXY_MAX_LEVELS } from './proxies.ts';
import { jointGroups } from './sensitive-joint.ts';
import { fitSurrogate } from './surrogate.ts';
import type { DriversMethod, DriversResult } from './types.ts';
import { validateDrivers, type DriversOptions } from './validate.ts';

export type * from './types.ts';
export type { DriversOptions } from './validate.ts';

export const DRIVERS_DEFAULTS = {
  topK: 5,
  proxyThreshold: 0.3,
  lambda: 1e-3,
  maxIterations: 50,
  fitSampleLimit: 200_000,
  maxLevels: 10,
  permutationSample: 50_000,
  permutationRepeats: 5,
  minDriverShare: 0.01,
  quantileSample: 50_000,
} as const;

/**
 * Rows whose values set the numeric quantile edges: all of them up to 50k, else a seeded 50k.
 * Decile positions from 50k values are within ~0.2 percentile points (binomial standard error
 * sqrt(0.25/50k)), far below what moves a Cramér's V, and the per-feature sort stays small.
 */
function quantileEdgeSample(m: number, seed: number): Uint32Array | null {
  const limit = DRIVERS_DEFAULTS.quantileSample;
  return m <= limit ? null : sampleSorted(m, limit, mulberry32(deriveSeed(seed, 3)));
}

export function analyzeDrivers(input: DriversOptions): DriversResult {
  const columns = validateDrivers(input);
  const d = DRIVERS_DEFAULTS;
  const topK = input.topK ?? d.topK;
  const proxyThreshold = input.proxyThreshold ?? d.proxyThreshold;
  const seed = Math.trunc(input.seed);
  const method: DriversMethod = {
    surrogate: 'logistic_regression',
    regularisation: { kind: 'l2', lambda: d.lambda, interceptPenalised: false },
    solver: 'newton_irls',
    maxIterations: d.maxIterations,
    fitSampleLimit: d.fitSampleLimit,
    maxLevels: d.maxLevels,
    numericEncoding: 'standardised_mean_sd_mean_imputed_with_missing_indicator',
    categoricalEncoding: 'one_hot_all_levels_missing_as_level',
    attribution: 'mean_abs_centred_linear_contribution',
    permutation: { metric: 'agreement_drop', repeats: d.permutationRepeats, sampleLimit: d.permutationSample },
    association: {
      cramersV: 'bias_corrected_bergsma_2013',
      mutualInformation: 'nmi_arithmetic_mean_of_entropies',
      numericBins: NUMERIC_BINS,
      quantileSample: d.quantileSample,
      maxLevels: PROXY_MAX_LEVELS,
      flagMeasure: 'cramers_v',
    },
    topK,
    proxyThreshold,
    minDriverShare: d.minDriverShare,
    seed,
  };
  const rows = input.rows;
  const decisions = gatherDecisions(input.decisions, rows);
  const m = decisions.length;
  const fitSample = sampleSorted(m, d.fitSampleLimit, mulberry32(deriveSeed(seed, 1)));
  const edgeSample = quantileEdgeSample(m, seed);

  const groups = jointGroups(input.sensitive, rows);
  const proxies = input.features.flatMap((name, j) =>
    featureProxies(name, columns[j], input.sensitive, groups, rows, edgeSample, proxyThreshold),
  );
  const { summary, features } = fitSurrogate(input.features, columns, rows, decisions, fitSample, {
    lambda: d.lambda,
    maxIterations: d.maxIterations,
    maxLevels: d.maxLevels,
    permutationSample: d.permutationSample,
    permutationRepeats: d.permutationRepeats,
    seed,
  });
  const ranking = rankFeatures(features);
  ranking.forEach((name, i) => {
    const f = features.find((x) => x.name === name);
    if (f) f.rank = i + 1;
  });
  const flags = driverFlags(
    features,
    proxies,
    input.sensitive.map((s) => s.name),
    topK,
    d.minDriverShare,
  );
  return { method, n: m, surrogate: summary, features, ranking, proxies, flags };
}

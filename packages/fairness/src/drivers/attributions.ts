/**
 * Exact attributions of the linear surrogate. The logit is intercept + sum over features of the
 * feature's contribution (sum of beta_c x_c over its design columns); centring each contribution
 * on its mean over the included rows gives the feature's part of "why this row differs from the
 * average row" (for a linear model with independent features this is its SHAP value). A
 * feature's attribution is the mean absolute centred contribution; shares normalise them to 1.
 *
 * One pass per feature over all included rows also yields the surrogate's logit for fidelity and
 * the per-feature contributions of the permutation sample.
 */
import type { UsedEncoding } from './design-matrix.ts';
import type { TermCoefficient } from './types.ts';

export interface ContributionPass {
  /** Surrogate logit per included row. */
  eta: Float64Array;
  meanAbs: Float64Array;
  /**
   * Raw contributions at the permutation sample, feature-major (features x sample): each
   * permutation repeat then reads one contiguous block that stays in cache.
   */
  sampleContrib: Float64Array;
}

/**
 * Mean contribution over the included rows, known before the pass: observed numeric values are
 * centred on their own mean (contribution mean 0), so only the missing indicator is left; a
 * category's is the share-weighted mean of its level coefficients.
 */
function meanContribution(e: UsedEncoding, beta: Float64Array): number {
  if (e.kind === 'numeric') return e.missingOffset >= 0 ? beta[e.missingOffset] * e.missingShare : 0;
  let mean = 0;
  for (let l = 0; l < e.shares.length; l++) mean += e.shares[l] * beta[e.offset + l];
  return mean;
}

function fillContribution(e: UsedEncoding, beta: Float64Array, out: Float64Array): void {
  if (e.kind === 'numeric') {
    const { values, stats, offset, missingOffset } = e;
    const sd = stats.sd > 0 ? stats.sd : 1;
    const bv = beta[offset] / sd;
    const shift = stats.mean;
    const bm = missingOffset >= 0 ? beta[missingOffset] : 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      out[i] = v === v ? bv * (v - shift) : bm;
    }
    return;
  }
  const { codes, offset, collapsed } = e;
  const levelBeta = beta.subarray(offset, offset + collapsed.names.length);
  const { lookup } = collapsed;
  for (let i = 0; i < codes.length; i++) out[i] = levelBeta[lookup[codes[i] + 1]];
}

export function contributionPass(
  encodings: UsedEncoding[],
  beta: Float64Array,
  rows: number,
  sample: Uint32Array,
): ContributionPass {
  const F = encodings.length;
  const eta = new Float64Array(rows).fill(beta[0]);
  const meanAbs = new Float64Array(F);
  const sampleContrib = new Float64Array(sample.length * F);
  const buf = new Float64Array(rows);
  encodings.forEach((e, f) => {
    fillContribution(e, beta, buf);
    const mean = meanContribution(e, beta);
    let abs = 0;
    for (let i = 0; i < rows; i++) {
      const c = buf[i];
      eta[i] += c;
      abs += Math.abs(c - mean);
    }
    meanAbs[f] = abs / rows;
    const block = f * sample.length;
    for (let k = 0; k < sample.length; k++) sampleContrib[block + k] = buf[sample[k]];
  });
  return { eta, meanAbs, sampleContrib };
}

/** The feature's coefficients with their level names, on the design scale. */
export function coefficientsOf(e: UsedEncoding, beta: Float64Array): TermCoefficient[] {
  if (e.kind === 'numeric') {
    const value: TermCoefficient = { term: 'value', coefficient: beta[e.offset] };
    if (e.stats.sd > 0) value.perRawUnit = beta[e.offset] / e.stats.sd;
    const out = [value];
    if (e.missingOffset >= 0) out.push({ term: 'missing_indicator', coefficient: beta[e.missingOffset] });
    return out;
  }
  return e.collapsed.names.map((nm, j) => ({ ...nm, coefficient: beta[e.offset + j] }));
}

/** Shares of the total attribution (null for every feature when the total is 0). */
export function shares(meanAbs: Float64Array): (number | null)[] {
  let total = 0;
  for (const v of meanAbs) total += v;
  return Array.from(meanAbs, (v) => (total > 0 ? v / total : null));
}

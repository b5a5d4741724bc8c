import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, FairnessError, resolveConfigDefaults, validateAuditConfig } from '../src/index.ts';

const ok = { label: 'y', prediction: 'p', sensitive: ['g'] };
function field(input: unknown): string {
  try {
    validateAuditConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(FairnessError);
    expect((e as FairnessError).code).toBe('FAIR_ERR_INVALID_CONFIG');
    expect((e as FairnessError).statusCode).toBe(400);
    return String((e as FairnessError).details.field);
  }
  return 'valid';
}

describe('validateAuditConfig', () => {
  it('accepts a minimal and a full configuration', () => {
    expect(field(ok)).toBe('valid');
    expect(
      field({
        ...ok,
        score: 's',
        threshold: 0.5,
        weights: 'w',
        labelPositive: ['1'],
        predictionPositive: ['a', 'b'],
        buckets: { age: [25, 45] },
        missingSensitive: 'drop',
        reference: { g: 'x' },
        referenceStrategy: 'best-off',
        features: ['f'],
        minGroupSize: 10,
        minDenominator: 5,
        confidence: 0.9,
        policy: { disparateImpact: 0.9, fprDifference: null },
        geiAlpha: 1,
        seed: 3,
        calibrationBins: 5,
        intersection: false,
      }),
    ).toBe('valid');
    expect(field({ label: 'y', score: 's', threshold: 0.5, sensitive: ['g'] })).toBe('valid');
  });
  it('names the offending field', () => {
    expect(field(null)).toBe('');
    expect(field([])).toBe('');
    expect(field({ ...ok, label: '' })).toBe('label');
    expect(field({ ...ok, bogus: 1 })).toBe('bogus');
    expect(field({ ...ok, sensitive: [] })).toBe('sensitive');
    expect(field({ ...ok, sensitive: ['g', 'g'] })).toBe('sensitive');
    expect(field({ label: 'y', sensitive: ['g'] })).toBe('prediction');
    expect(field({ label: 'y', score: 's', sensitive: ['g'] })).toBe('prediction');
    expect(field({ ...ok, prediction: 3 })).toBe('prediction');
    expect(field({ ...ok, labelPositive: [] })).toBe('labelPositive');
    expect(field({ ...ok, features: [1] })).toBe('features');
    expect(field({ ...ok, confidence: 1 })).toBe('confidence');
    expect(field({ ...ok, minGroupSize: -1 })).toBe('minGroupSize');
    expect(field({ ...ok, seed: 1.5 })).toBe('seed');
    expect(field({ ...ok, threshold: Infinity })).toBe('threshold');
    expect(field({ ...ok, calibrationBins: 0 })).toBe('calibrationBins');
    expect(field({ ...ok, missingSensitive: 'ignore' })).toBe('missingSensitive');
    expect(field({ ...ok, referenceStrategy: 'smallest' })).toBe('referenceStrategy');
    expect(field({ ...ok, intersection: 'yes' })).toBe('intersection');
    expect(field({ ...ok, buckets: [] })).toBe('buckets');
    expect(field({ ...ok, buckets: { age: [45, 25] } })).toBe('buckets.age');
    expect(field({ ...ok, reference: 'x' })).toBe('reference');
    expect(field({ ...ok, reference: { g: '' } })).toBe('reference.g');
    expect(field({ ...ok, policy: 1 })).toBe('policy');
    expect(field({ ...ok, policy: { nope: 0.1 } })).toBe('policy.nope');
    expect(field({ ...ok, policy: { disparateImpact: 0 } })).toBe('policy.disparateImpact');
    expect(field({ ...ok, policy: { demographicParityDifference: 2 } })).toBe('policy.demographicParityDifference');
    expect(field({ ...ok, policy: { demographicParityDifference: 'x' } })).toBe('policy.demographicParityDifference');
    expect(() => validateAuditConfig({ ...ok, confidence: 1 })).toThrow('config.confidence must be in (0, 0.999999]');
    // Issue 17: the largest double below 1 made the interval quantile infinite (a 500 in ai-core).
    expect(field({ ...ok, confidence: 0.9999999999999999 })).toBe('confidence');
    expect(field({ ...ok, geiAlpha: 1e308 })).toBe('geiAlpha');
    expect(field({ ...ok, seed: 2 ** 60 })).toBe('seed');
    expect(() => validateAuditConfig({ ...ok, intervalMethod: 'exact' })).toThrow(
      'config.intervalMethod must be one of wilson, clopper-pearson, jeffreys',
    );
  });
});

describe('resolveConfigDefaults', () => {
  it('fills every documented default', () => {
    expect(resolveConfigDefaults(validateAuditConfig(ok))).toEqual({
      label: 'y',
      labelPositive: null,
      prediction: 'p',
      predictionPositive: null,
      score: null,
      threshold: null,
      weights: null,
      sensitive: ['g'],
      buckets: {},
      missingSensitive: 'group',
      reference: {},
      referenceStrategy: 'largest',
      features: [],
      minGroupSize: 30,
      minDenominator: 10,
      confidence: 0.95,
      intervalMethod: 'wilson',
      policy: { ...DEFAULT_POLICY },
      geiAlpha: 2,
      seed: 0,
      calibrationBins: 10,
      intersection: false,
    });
    expect(DEFAULT_POLICY).toMatchObject({
      demographicParityDifference: 0.1,
      disparateImpact: 0.8,
      equalOpportunityDifference: 0.05,
    });
    expect(resolveConfigDefaults({ ...ok, sensitive: ['a', 'b'] }).intersection).toBe(true);
  });
});

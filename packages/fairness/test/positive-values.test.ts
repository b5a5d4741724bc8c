/**
 * Issue 18, defect 4: a positive value that does not occur in its column used to make every
 * outcome negative and the audit pass silently. Now it is an error naming the values found,
 * spelled exactly as in the data (the label's error used to lower-case them).
 */
import { describe, expect, it } from 'vitest';
import { audit, FairnessError, tableFromColumns } from '../src/index.ts';

const t = tableFromColumns({
  g: ['a', 'b', 'a', 'b'],
  y: ['Good', 'Bad', 'Bad', 'Good'],
  p: ['High', 'Low', 'Medium', 'High'],
  n: [1, 0, 1, 1],
});
const base = {
  label: 'y',
  labelPositive: ['Good'],
  prediction: 'p',
  predictionPositive: ['Medium', 'High'],
  sensitive: ['g'],
  minGroupSize: 0,
  minDenominator: 0,
};

function error(fn: () => unknown): FairnessError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FairnessError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('positive values must occur in their column', () => {
  it('accepts values that occur', () => {
    expect(audit(t, base).overall).toMatchObject({ tp: 2, fp: 1, tn: 1, fn: 0 });
  });

  it('a misspelt prediction value fails, naming it and the values found verbatim', () => {
    const e = error(() => audit(t, { ...base, predictionPositive: ['Medium', 'Hihg'] }));
    expect(e.code).toBe('FAIR_ERR_POSITIVE_NOT_FOUND');
    expect(e.statusCode).toBe(400);
    expect(e.message).toBe(
      'config.predictionPositive: "Hihg" does not occur in column "p"; the values found are "High", "Low", "Medium"',
    );
  });

  it('a wrong label value fails the same way, keeping the case of the data', () => {
    const e = error(() => audit(t, { ...base, labelPositive: ['good'] }));
    expect(e.message).toBe(
      'config.labelPositive: "good" does not occur in column "y"; the values found are "Good", "Bad"',
    );
  });

  it('a numeric column: the value must be a number that occurs', () => {
    expect(error(() => audit(t, { ...base, label: 'n', labelPositive: ['yes'] })).message).toBe(
      'config.labelPositive: "yes" does not occur in column "n"; the values found are "1", "0"',
    );
    expect(error(() => audit(t, { ...base, label: 'n', labelPositive: ['2'] })).code).toBe(
      'FAIR_ERR_POSITIVE_NOT_FOUND',
    );
    expect(audit(t, { ...base, label: 'n', labelPositive: ['1'] }).overall.tp).toBe(3);
  });

  it('a binary column holding only the negative class may name the other class; an empty column is left to the empty-input error', () => {
    const allZero = tableFromColumns({ g: ['a', 'b'], y: ['0', '0'], p: ['no', 'no'] });
    expect(audit(allZero, { ...base, labelPositive: ['1'], predictionPositive: ['yes'] }).overall).toMatchObject({
      tp: 0,
      fp: 0,
      tn: 2,
      fn: 0,
    });
    expect(error(() => audit(allZero, { ...base, labelPositive: ['2'], predictionPositive: ['yes'] })).code).toBe(
      'FAIR_ERR_POSITIVE_NOT_FOUND',
    );
    expect(
      error(() =>
        audit(tableFromColumns({ g: ['a'], y: [null], p: ['no'] }), {
          ...base,
          labelPositive: ['1'],
          predictionPositive: ['yes'],
        }),
      ).code,
    ).toBe('FAIR_ERR_EMPTY_INPUT');
  });

  it('without a positive value, a non-binary column lists its values verbatim', () => {
    expect(error(() => audit(t, { ...base, labelPositive: null, prediction: 'p', label: 'p' })).message).toBe(
      'column "p" has values "High", "Low", "Medium"; say which are positive',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { configFromQuery } from '../../src/analysis/query-config.ts';

describe('configFromQuery', () => {
  it('maps plain, list, numeric, boolean and dotted parameters', () => {
    const config = configFromQuery({
      label: 'two_year_recid',
      labelPositive: '1',
      prediction: 'score_text',
      positive: 'Medium,High',
      sensitive: ['race', 'sex'],
      features: 'age, priors_count',
      minGroupSize: '50',
      confidence: '0.9',
      intervalMethod: 'clopper-pearson',
      intersection: 'false',
      'reference.race': 'Caucasian',
      'buckets.age': '25,45',
      'policy.disparateImpact': '0.75',
      'policy.equalOpportunityDifference': 'null',
    });
    expect(JSON.parse(JSON.stringify(config))).toEqual({
      label: 'two_year_recid',
      labelPositive: ['1'],
      prediction: 'score_text',
      predictionPositive: ['Medium', 'High'],
      sensitive: ['race', 'sex'],
      features: ['age', 'priors_count'],
      minGroupSize: 50,
      confidence: 0.9,
      intervalMethod: 'clopper-pearson',
      intersection: false,
      reference: { race: 'Caucasian' },
      buckets: { age: [25, 45] },
      policy: { disparateImpact: 0.75, equalOpportunityDifference: null },
    });
  });

  it('takes a whole JSON configuration from config=', () => {
    expect(configFromQuery({ config: '{"label":"y","prediction":"p","sensitive":["g"]}' })).toEqual({
      label: 'y',
      prediction: 'p',
      sensitive: ['g'],
    });
  });

  it.each([
    [
      {},
      'query: a text/csv body needs its configuration in the query string (at least label, prediction and sensitive)',
    ],
    [{ config: '{nope' }, /^query\.config: is not valid JSON/],
    [{ config: '{}', label: 'y' }, 'query.config: cannot be combined with other query parameters'],
    [{ label: 'y', lable: 'x' }, 'query.lable: is not a known configuration parameter'],
    [{ label: ['a', 'b'] }, 'query.label: must be given once'],
    [{ minGroupSize: 'ten' }, 'query.minGroupSize: must be a number, got "ten"'],
    [{ threshold: '' }, 'query.threshold: must be a number, got ""'],
    [{ intersection: 'yes' }, 'query.intersection: must be true or false, got "yes"'],
    [{ 'buckets.age': '25,old' }, 'query.buckets.age: must be a number, got "old"'],
    [{ 'reference.': 'x' }, 'query.reference.: must name a column or threshold after "reference."'],
    [{ toString: 'x' }, 'query.toString: is not a known configuration parameter'],
  ])('rejects %j', (query, message) => {
    let thrown: unknown;
    try {
      configFromQuery(query);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'AIC_ERR_VALIDATION', statusCode: 400 });
    expect((thrown as Error).message).toMatch(message);
  });
});

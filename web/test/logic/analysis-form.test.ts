import { describe, expect, it } from 'vitest';
import { checkForm, emptyForm, suggestPositive, type AnalysisForm } from '../../src/logic/analysis-form.ts';
import type { ColumnProfile } from '../../src/logic/types.ts';

const col = (
  name: string,
  values: string[] | null,
  type: ColumnProfile['type'] = 'categorical',
  min: number | null = null,
  max: number | null = null,
): ColumnProfile => ({
  name,
  type,
  missing: 0,
  distinct: values?.length ?? null,
  values: values?.map((value) => ({ value, count: 1 })) ?? null,
  min,
  max,
});

const PROFILES = [
  col('two_year_recid', ['0', '1'], 'numeric', 0, 1),
  col('score_text', ['Low', 'Medium', 'High']),
  col('decile_score', null, 'numeric', 1, 10),
  col('race', ['African-American', 'Caucasian', 'Other']),
  col('sex', ['Male', 'Female']),
];

const valid = (patch: Partial<AnalysisForm> = {}): AnalysisForm => ({
  ...emptyForm('d1'),
  label: 'two_year_recid',
  labelPositive: ['1'],
  prediction: 'score_text',
  predictionPositive: ['Medium', 'High'],
  sensitive: ['race', 'sex'],
  ...patch,
});

describe('the new-analysis form', () => {
  it('turns a complete form into the engine configuration', () => {
    expect(
      checkForm(valid({ reference: { race: 'Caucasian', sex: '' }, features: ['decile_score'] }), PROFILES),
    ).toEqual({
      ok: true,
      config: {
        label: 'two_year_recid',
        labelPositive: ['1'],
        prediction: 'score_text',
        predictionPositive: ['Medium', 'High'],
        sensitive: ['race', 'sex'],
        reference: { race: 'Caucasian' },
        features: ['decile_score'],
      },
    });
  });

  it('sends a score with its threshold instead of a decision column', () => {
    const checked = checkForm(valid({ mode: 'score', score: 'decile_score', threshold: '5' }), PROFILES);
    expect(checked).toMatchObject({ ok: true, config: { score: 'decile_score', threshold: 5 } });
    expect(checked.ok && 'prediction' in checked.config).toBe(false);
  });

  it('names each field that is missing before anything is sent', () => {
    const checked = checkForm(emptyForm(), PROFILES);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && Object.keys(checked.errors).sort()).toEqual([
      'datasetId',
      'label',
      'prediction',
      'sensitive',
    ]);
  });

  it.each([
    [{ labelPositive: [] }, 'labelPositive', 'Choose which outcome value counts as positive.'],
    [{ labelPositive: ['yes'] }, 'labelPositive', '"yes" does not occur in two_year_recid.'],
    [{ prediction: 'two_year_recid' }, 'prediction', 'The decision must be another column than the true outcome.'],
    [{ predictionPositive: [] }, 'predictionPositive', 'Choose which decision values are favourable.'],
    [{ mode: 'score' as const, score: 'score_text', threshold: '1' }, 'score', '"score_text" is not numeric.'],
    [
      { mode: 'score' as const, score: 'decile_score', threshold: 'high' },
      'threshold',
      'Enter the score threshold as a number.',
    ],
    [
      { mode: 'score' as const, score: 'decile_score', threshold: '11' },
      'threshold',
      'The threshold must lie between 1 and 10, the range of decile_score.',
    ],
    [
      { sensitive: ['race', 'score_text'] },
      'sensitive',
      'A sensitive attribute cannot be the outcome or the decision.',
    ],
    [{ reference: { race: 'Martian' } }, 'reference', '"Martian" is not a value of race.'],
    [{ features: ['race'] }, 'features', '"race" is already used as outcome, decision or sensitive attribute.'],
    [{ label: 'nope' }, 'label', '"nope" is not a column of this dataset.'],
  ])('refuses %j: %s', (patch, field, message) => {
    const checked = checkForm(valid(patch), PROFILES);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors).toEqual({ [field]: message });
  });

  it('suggests the obvious positive value of a column', () => {
    expect(suggestPositive(PROFILES[0])).toEqual(['1']);
    expect(suggestPositive(col('decision', ['deny', 'approve']))).toEqual(['approve']);
    expect(suggestPositive(col('x', ['p', 'q']))).toEqual([]);
    expect(suggestPositive(undefined)).toEqual([]);
  });
});

import type { ColumnProfile } from './types.ts';

/**
 * The new-analysis form: its state, the checks made before anything is sent (each error names
 * the field it belongs to), and the engine configuration it becomes.
 */
export interface AnalysisForm {
  datasetId: string;
  label: string;
  labelPositive: string[];
  mode: 'prediction' | 'score';
  prediction: string;
  predictionPositive: string[];
  score: string;
  threshold: string;
  sensitive: string[];
  /** Reference group per sensitive column; '' lets the engine choose. */
  reference: Record<string, string>;
  features: string[];
}

export interface AuditConfig {
  label: string;
  labelPositive: string[];
  prediction?: string;
  predictionPositive?: string[];
  score?: string;
  threshold?: number;
  sensitive: string[];
  reference?: Record<string, string>;
  features?: string[];
}

export type FormErrors = Partial<Record<keyof AnalysisForm | 'form', string>>;

export type Checked = { ok: true; config: AuditConfig } | { ok: false; errors: FormErrors };

export const MAX_SENSITIVE = 16;

export function emptyForm(datasetId = ''): AnalysisForm {
  return {
    datasetId,
    label: '',
    labelPositive: [],
    mode: 'prediction',
    prediction: '',
    predictionPositive: [],
    score: '',
    threshold: '',
    sensitive: [],
    reference: {},
    features: [],
  };
}

const POSITIVE_WORDS = ['1', 'true', 'yes', 'y', 'good', 'approve', 'approved', 'accept', 'hired', 'positive', 'high'];

/** The value most likely meant as "positive" among a column's values, if one is obvious. */
export function suggestPositive(profile: ColumnProfile | undefined): string[] {
  const values = profile?.values?.map((v) => v.value) ?? [];
  const hit = values.find((v) => POSITIVE_WORDS.includes(v.trim().toLowerCase()));
  return hit === undefined ? [] : [hit];
}

function valueSet(profile: ColumnProfile | undefined): Set<string> | null {
  return profile?.values ? new Set(profile.values.map((v) => v.value)) : null;
}

export function checkForm(form: AnalysisForm, profiles: readonly ColumnProfile[]): Checked {
  const errors: FormErrors = {};
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const known = (name: string) => byName.size === 0 || byName.has(name);
  if (form.datasetId === '') errors.datasetId = 'Choose a dataset.';

  if (form.label === '') errors.label = 'Choose the column with the true outcome.';
  else if (!known(form.label)) errors.label = `"${form.label}" is not a column of this dataset.`;
  else if (form.labelPositive.length === 0) errors.labelPositive = 'Choose which outcome value counts as positive.';
  else {
    const values = valueSet(byName.get(form.label));
    const unknown = values === null ? undefined : form.labelPositive.find((v) => !values.has(v));
    if (unknown !== undefined) errors.labelPositive = `"${unknown}" does not occur in ${form.label}.`;
  }

  const decision = form.mode === 'prediction' ? form.prediction : form.score;
  if (form.mode === 'prediction') {
    if (form.prediction === '') errors.prediction = "Choose the column with the model's decision.";
    else if (!known(form.prediction)) errors.prediction = `"${form.prediction}" is not a column of this dataset.`;
    else if (form.prediction === form.label)
      errors.prediction = 'The decision must be another column than the true outcome.';
    else if (form.predictionPositive.length === 0)
      errors.predictionPositive = 'Choose which decision values are favourable.';
  } else {
    const profile = byName.get(form.score);
    const threshold = Number(form.threshold);
    if (form.score === '') errors.score = "Choose the column with the model's score.";
    else if (!known(form.score)) errors.score = `"${form.score}" is not a column of this dataset.`;
    else if (form.score === form.label) errors.score = 'The score must be another column than the true outcome.';
    else if (profile && profile.type !== 'numeric') errors.score = `"${form.score}" is not numeric.`;
    if (form.threshold.trim() === '' || !Number.isFinite(threshold))
      errors.threshold = 'Enter the score threshold as a number.';
    else if (
      profile?.min !== null &&
      profile?.max !== null &&
      profile !== undefined &&
      (threshold < profile.min! || threshold > profile.max!)
    ) {
      errors.threshold = `The threshold must lie between ${profile.min} and ${profile.max}, the range of ${form.score}.`;
    }
  }

  if (form.sensitive.length === 0) errors.sensitive = 'Choose at least one sensitive attribute.';
  else if (form.sensitive.length > MAX_SENSITIVE)
    errors.sensitive = `Choose at most ${MAX_SENSITIVE} sensitive attributes.`;
  else if (form.sensitive.some((s) => s === form.label || s === decision))
    errors.sensitive = 'A sensitive attribute cannot be the outcome or the decision.';
  else {
    for (const column of form.sensitive) {
      const ref = form.reference[column] ?? '';
      const values = valueSet(byName.get(column));
      if (ref !== '' && values !== null && !values.has(ref)) {
        errors.reference = `"${ref}" is not a value of ${column}.`;
        break;
      }
    }
  }
  const taken = new Set([form.label, decision, ...form.sensitive]);
  const clash = form.features.find((f) => taken.has(f));
  if (clash !== undefined) errors.features = `"${clash}" is already used as outcome, decision or sensitive attribute.`;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const reference = Object.fromEntries(
    form.sensitive.map((s) => [s, form.reference[s] ?? '']).filter(([, v]) => v !== ''),
  );
  const config: AuditConfig = {
    label: form.label,
    labelPositive: form.labelPositive,
    ...(form.mode === 'prediction'
      ? { prediction: form.prediction, predictionPositive: form.predictionPositive }
      : { score: form.score, threshold: Number(form.threshold) }),
    sensitive: form.sensitive,
    ...(Object.keys(reference).length > 0 ? { reference } : {}),
    ...(form.features.length > 0 ? { features: form.features } : {}),
  };
  return { ok: true, config };
}

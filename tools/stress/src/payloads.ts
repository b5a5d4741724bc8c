/**
 * Request bodies of the scenarios, built from the example dataset in the repository
 * (examples/german-credit) and from generated data, and checked against the contracts' schemas
 * once, when built: a body the API would reject as malformed is a bug in the suite, found before
 * any load is sent.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  AnalysisOfDatasetSchema,
  AnalysisOfInlineDataSchema,
  CreateModelBodySchema,
  DecisionInputSchema,
  type AuditConfigBody,
} from '@ethixai/contracts';
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

// The services validate these formats with ajv-formats; TypeBox's checker knows none by itself.
if (!FormatRegistry.Has('uuid'))
  FormatRegistry.Set('uuid', (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v));
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => !Number.isNaN(Date.parse(v)));

export const GERMAN_CREDIT_CSV = resolve(import.meta.dirname, '../../../examples/german-credit/decisions.csv');

/** The value as sent, checked as the server sees it (after the schema's defaults are filled in). */
function checked<T>(schema: TSchema, value: T, what: string): T {
  const errors = [...Value.Errors(schema, Value.Default(schema, structuredClone(value)))];
  if (errors.length > 0)
    throw new Error(
      `${what} does not match its contract: ${errors
        .slice(0, 3)
        .map((e) => `${e.path} ${e.message}`)
        .join('; ')}`,
    );
  return value;
}

export const GERMAN_CREDIT_CONFIG: AuditConfigBody = {
  label: 'credit_risk',
  labelPositive: ['good'],
  prediction: 'decision',
  predictionPositive: ['approve'],
  score: 'score',
  sensitive: ['sex', 'age_group'],
};

export interface Applicant {
  id: string;
  sex: string;
  ageGroup: string;
  score: number;
  approve: boolean;
  amount: number;
  duration: number;
  housing: string;
}

/** The example dataset: the CSV bytes as committed, and its rows as applicants. */
export function germanCredit(): { csv: Buffer; applicants: Applicant[] } {
  const csv = readFileSync(GERMAN_CREDIT_CSV);
  const [header, ...lines] = csv
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));
  const at = (row: string[], name: string) => row[header.indexOf(name)];
  const applicants = lines.map((row) => ({
    id: at(row, 'id'),
    sex: at(row, 'sex'),
    ageGroup: at(row, 'age_group'),
    score: Number(at(row, 'score')),
    approve: at(row, 'decision') === 'approve',
    amount: Number(at(row, 'credit_amount')),
    duration: Number(at(row, 'duration_months')),
    housing: at(row, 'housing'),
  }));
  return { csv, applicants };
}

/**
 * Generated decisions of a model over `rows` people: two sensitive attributes (8 groups with their
 * intersection), a true label, a score and the thresholded prediction, with a built-in gap between
 * groups so the audit has something to find. Deterministic in `seed`.
 */
export function generatedRows(rows: number, seed = 1): Record<string, string | number>[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: rows }, (_, i) => {
    const sex = next() < 0.5 ? 'F' : 'M';
    const race = ['A', 'B', 'C', 'D'][Math.floor(next() * 4)];
    const score = Math.round(next() * 1000) / 1000;
    return {
      id: i,
      sex,
      race,
      age: 18 + Math.floor(next() * 60),
      score,
      label: next() < 0.4 + score * 0.3 ? 1 : 0,
      pred: score > (sex === 'F' ? 0.55 : 0.45) ? 1 : 0,
    };
  });
}

const INLINE_CONFIG: AuditConfigBody = {
  label: 'label',
  prediction: 'pred',
  score: 'score',
  sensitive: ['sex', 'race'],
};

/** `POST /v1/analyses` with inline generated rows (the shape machine clients send). */
export function inlineAnalysisBody(rows: number): string {
  return JSON.stringify(
    checked(
      AnalysisOfInlineDataSchema,
      { config: INLINE_CONFIG, data: { rows: generatedRows(rows) } },
      'inline analysis body',
    ),
  );
}

/** `POST /v1/analyses` of a stored dataset (the uploaded example). */
export function datasetAnalysisBody(datasetId: string): string {
  return JSON.stringify(
    checked(AnalysisOfDatasetSchema, { datasetId, config: GERMAN_CREDIT_CONFIG }, 'dataset analysis body'),
  );
}

/** The model the evaluate traffic is about: the example's scorecard, monitored on the age group. */
export function modelBody(name: string): unknown {
  return checked(
    CreateModelBodySchema,
    {
      name,
      version: '1',
      owner: 'stress suite',
      intendedUse: 'Approve or deny consumer loans (load test)',
      policy: { sensitiveAttributes: ['age_group'], scoreBands: { decisionThreshold: 0.8333 } },
    },
    'model body',
  );
}

/** One live decision about an applicant of the example, with a decision id unique to this run. */
export function decisionBody(modelId: string, applicant: Applicant, decisionId: string): string {
  return JSON.stringify(
    checked(
      DecisionInputSchema,
      {
        modelId,
        modelVersion: '1',
        decisionId,
        subjectId: `applicant-${applicant.id}`,
        sensitiveAttributes: { age_group: applicant.ageGroup },
        score: applicant.score,
        prediction: applicant.approve ? 1 : 0,
        features: { credit_amount: applicant.amount, duration_months: applicant.duration, housing: applicant.housing },
      },
      'decision body',
    ),
  );
}

/**
 * Builds decisions.csv from german.csv: readable columns (sex, age group, the applicant's
 * situation in words, the true outcome as good/bad) plus the decisions of a simple credit model,
 * so that the example has something to audit. The original data holds no model output.
 *
 *   node examples/german-credit/make-decisions.ts [OUT.csv]    (default: decisions.csv beside this file)
 *
 * The model is a naive Bayes scorecard, the textbook "weight of evidence" credit score: it learns,
 * from the same 1,000 rows, how much each value of seven inputs shifts the odds of good credit, and
 * adds those shifts to the base odds. It never sees sex, age or foreign-worker status. It approves
 * when the probability of good credit reaches 5/6, the break-even point of the dataset's own cost
 * matrix (approving a bad risk costs 5, refusing a good one costs 1). It is deterministic: the same
 * input always gives the same file, byte for byte. It is an example, not a validated model (it is
 * fitted and applied on the same rows).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanCsv, type CategoricalColumn, type CsvTable, type NumericColumn } from '@ethixai/fairness';
import {
  CHECKING_ACCOUNT,
  CREDIT_HISTORY,
  CREDIT_RISK,
  EMPLOYMENT_SINCE,
  FOREIGN_WORKER,
  HOUSING,
  PURPOSE,
  SAVINGS,
  SEX,
  ageGroup,
  decode,
  durationBand,
} from './german-codes.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Laplace smoothing: a value never seen with one outcome still gets a finite weight. */
const SMOOTHING = 0.5;
/** Approve when P(good) >= 5/6, compared at the four decimals the score is published with. */
const APPROVE_AT = 0.8333;

type Applicant = Record<string, string | number>;

/** The model's inputs: what a lender knows about the application, nothing protected. */
const MODEL_INPUTS = [
  'checking_account',
  'credit_history',
  'purpose',
  'duration_band',
  'savings',
  'employment_since',
  'housing',
];

function readApplicants(file: string): Applicant[] {
  const categorical = [
    'status',
    'credit_history',
    'purpose',
    'savings',
    'employment',
    'personal_status',
    'housing',
    'foreign_worker',
  ];
  const numeric = ['month', 'credit_amount', 'age', 'credit'];
  const table = scanCsv(fs.readFileSync(file), {
    columns: [
      ...categorical.map((name) => ({ name, as: 'categorical' as const })),
      ...numeric.map((name) => ({ name, as: 'numeric' as const })),
    ],
  });
  const text = (name: string, row: number): string => {
    const column = table.columns.get(name) as CategoricalColumn;
    return column.levels[column.codes[row]];
  };
  const number = (name: string, row: number): number => (table.columns.get(name) as NumericColumn).values[row];
  return rows(table).map((row) => ({
    id: row + 1,
    sex: decode(SEX, text('personal_status', row), 'personal_status'),
    age: number('age', row),
    age_group: ageGroup(number('age', row)),
    foreign_worker: decode(FOREIGN_WORKER, text('foreign_worker', row), 'foreign_worker'),
    checking_account: decode(CHECKING_ACCOUNT, text('status', row), 'status'),
    credit_history: decode(CREDIT_HISTORY, text('credit_history', row), 'credit_history'),
    purpose: decode(PURPOSE, text('purpose', row), 'purpose'),
    duration_months: number('month', row),
    duration_band: durationBand(number('month', row)),
    credit_amount: number('credit_amount', row),
    savings: decode(SAVINGS, text('savings', row), 'savings'),
    employment_since: decode(EMPLOYMENT_SINCE, text('employment', row), 'employment'),
    housing: decode(HOUSING, text('housing', row), 'housing'),
    credit_risk: decode(CREDIT_RISK, String(number('credit', row)), 'credit'),
  }));
}

function rows(table: CsvTable): number[] {
  return Array.from({ length: table.rowCount }, (_, i) => i);
}

/** Weight of evidence of every value of every input: ln(P(value | good) / P(value | bad)). */
function fitScorecard(applicants: readonly Applicant[]): { prior: number; weights: Map<string, Map<string, number>> } {
  const good = applicants.filter((a) => a.credit_risk === 'good').length;
  const bad = applicants.length - good;
  const weights = new Map<string, Map<string, number>>();
  for (const input of MODEL_INPUTS) {
    const counts = new Map<string, { good: number; bad: number }>();
    for (const a of applicants) {
      const value = String(a[input]);
      const cell = counts.get(value) ?? { good: 0, bad: 0 };
      if (a.credit_risk === 'good') cell.good += 1;
      else cell.bad += 1;
      counts.set(value, cell);
    }
    const levels = counts.size;
    const pGood = (n: number) => (n + SMOOTHING) / (good + SMOOTHING * levels);
    const pBad = (n: number) => (n + SMOOTHING) / (bad + SMOOTHING * levels);
    weights.set(input, new Map([...counts].map(([value, c]) => [value, Math.log(pGood(c.good) / pBad(c.bad))])));
  }
  return { prior: Math.log(good / bad), weights };
}

function score(applicant: Applicant, model: ReturnType<typeof fitScorecard>): string {
  let logOdds = model.prior;
  for (const input of MODEL_INPUTS) logOdds += model.weights.get(input)?.get(String(applicant[input])) ?? 0;
  return (1 / (1 + Math.exp(-logOdds))).toFixed(4);
}

const OUTPUT_COLUMNS = [
  'id',
  'sex',
  'age',
  'age_group',
  'foreign_worker',
  'checking_account',
  'credit_history',
  'purpose',
  'duration_months',
  'credit_amount',
  'savings',
  'employment_since',
  'housing',
  'credit_risk',
  'score',
  'decision',
];

export function makeDecisions(inputFile: string): string {
  const applicants = readApplicants(inputFile);
  const model = fitScorecard(applicants);
  const lines = [OUTPUT_COLUMNS.join(',')];
  for (const applicant of applicants) {
    const p = score(applicant, model);
    const row: Applicant = { ...applicant, score: p, decision: Number(p) >= APPROVE_AT ? 'approve' : 'deny' };
    lines.push(OUTPUT_COLUMNS.map((column) => String(row[column])).join(','));
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? path.join(HERE, 'decisions.csv'));
  const csv = makeDecisions(path.join(HERE, 'german.csv'));
  fs.writeFileSync(out, csv);
  process.stdout.write(`wrote ${out}: ${csv.split('\n').length - 2} rows\n`);
}

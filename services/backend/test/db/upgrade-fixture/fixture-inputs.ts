/**
 * The fixed inputs of the round-1 upgrade fixture (make-fixture.ts): a credit-application table
 * and the decisions a scoring service reports, drawn from a seeded generator so every run of the
 * fixture script submits the same bytes. Only decision times are relative to the run (evaluate
 * refuses times more than five minutes ahead, and the live window ends at "now").
 */

/** mulberry32: a tiny seeded PRNG, so the inputs need no data file. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SEXES = ['female', 'male'] as const;
const AGE_BANDS = ['18-25', '26-45', '46+'] as const;
const INCOME_BANDS = ['low', 'mid', 'high'] as const;

export interface Applicant {
  sex: string;
  age_band: string;
  income_band: string;
  loan_amount: number;
  score: number;
  predicted: 0 | 1;
  repaid: 0 | 1;
}

/** n applicants; men and older applicants are favoured by the score, so the audits find gaps. */
export function applicants(n: number, seed = 20260501): Applicant[] {
  const next = seeded(seed);
  return Array.from({ length: n }, () => {
    const sex = SEXES[Math.floor(next() * 2)];
    const age = AGE_BANDS[Math.floor(next() * 3)];
    const income = INCOME_BANDS[Math.floor(next() * 3)];
    const bias = (sex === 'male' ? 0.12 : 0) + (age === '18-25' ? -0.1 : 0.05) + (income === 'high' ? 0.15 : income === 'low' ? -0.1 : 0);
    const score = Math.round(Math.min(0.999, Math.max(0.001, 0.45 + bias + (next() - 0.5) * 0.7)) * 1000) / 1000;
    const repaid = next() < 0.35 + score * 0.5 ? 1 : 0;
    return { sex, age_band: age, income_band: income, loan_amount: 1000 + Math.floor(next() * 40) * 250, score, predicted: score >= 0.5 ? 1 : 0, repaid };
  });
}

export function applicantsCsv(rows: readonly Applicant[]): string {
  const header = 'sex,age_band,income_band,loan_amount,score,predicted,repaid';
  return [header, ...rows.map((r) => [r.sex, r.age_band, r.income_band, r.loan_amount, r.score, r.predicted, r.repaid].join(','))].join('\n') + '\n';
}

export interface Decision {
  modelId: string;
  modelVersion: string;
  decisionId: string;
  subjectId?: string;
  features?: Record<string, string | number>;
  sensitiveAttributes: Record<string, string>;
  prediction?: 0 | 1;
  score?: number;
  context?: Record<string, string>;
  decidedAt: string;
}

/**
 * A credit decision per applicant, `stepMs` apart going back from `latestMs`. Every 17th omits
 * the required `channel` context field and every 23rd its `age_band`, so those risk rules fire.
 */
export function creditDecisions(modelId: string, modelVersion: string, people: readonly Applicant[], latestMs: number, stepMs: number, prefix: string): Decision[] {
  return people.map((p, i): Decision => {
    const context: Record<string, string> = i % 17 === 3 ? {} : { channel: i % 3 === 0 ? 'branch' : 'web' };
    const sensitiveAttributes: Record<string, string> = i % 23 === 5 ? { sex: p.sex } : { sex: p.sex, age_band: p.age_band };
    return {
      modelId, modelVersion, decisionId: `${prefix}-${String(i + 1).padStart(4, '0')}`,
      features: { income_band: p.income_band, loan_amount: p.loan_amount },
      sensitiveAttributes, prediction: p.predicted, score: p.score,
      context,
      decidedAt: new Date(latestMs - i * stepMs).toISOString(),
    };
  });
}

/**
 * The bench's decisions table, generated inside the engine (nothing is copied in): each column an
 * integer hash of the row number, the same BIGINT arithmetic in DuckDB and PostgreSQL. Realistic
 * columns: string sensitive columns of 6, 2 and 3 levels, 5 % missing labels, a float64 score with
 * about 10^9 possible values (so ≥ 10^6 distinct in any table of a million rows or more), a weight.
 */
const MULTIPLIERS = [
  2654435761, 2246822519, 3266489917, 668265263, 374761393, 3323198485, 1664525, 1013904223, 22695477,
];

/** A value in [0, m) from row i and stream k. */
const h = (k: number, m: number) => `((i * ${MULTIPLIERS[k]} + ${(k + 1) * 7919}) % 2147483647 % ${m})`;

export function decisionsSelect(n: number, dialect: 'duckdb' | 'postgres'): string {
  const double = dialect === 'duckdb' ? 'DOUBLE' : 'DOUBLE PRECISION';
  const score = `(CAST(${h(5, 1000003)} AS ${double}) / 1000003 + CAST(${h(6, 997)} AS ${double}) / 1e9)`;
  const series = dialect === 'duckdb' ? `range(${n}) AS s(i)` : `generate_series(CAST(0 AS BIGINT), ${n - 1}) AS s(i)`;
  const raceEffect = `CASE ${h(0, 6)} WHEN 0 THEN 0.05 WHEN 1 THEN -0.06 ELSE 0 END`;
  return `SELECT
    CASE ${h(0, 6)} WHEN 0 THEN 'White' WHEN 1 THEN 'Black' WHEN 2 THEN 'Hispanic' WHEN 3 THEN 'Asian' WHEN 4 THEN 'Native American' ELSE 'Other' END AS race,
    CASE ${h(1, 2)} WHEN 0 THEN 'female' ELSE 'male' END AS sex,
    CASE ${h(2, 3)} WHEN 0 THEN 'under 25' WHEN 1 THEN '25 to 45' ELSE 'over 45' END AS age_group,
    CASE WHEN ${h(3, 100)} < 5 THEN NULL WHEN CAST(${h(4, 10000)} AS ${double}) / 10000 < 0.15 + 0.6 * ${score} + ${raceEffect} THEN 'yes' ELSE 'no' END AS label,
    CASE WHEN ${score} + ${raceEffect} >= 0.5 THEN 'approve' ELSE 'deny' END AS decision,
    ${score} AS score,
    0.5 + CAST(${h(7, 1000)} AS ${double}) / 1000 AS weight
  FROM ${series}`;
}

const OUTCOME_FLAGS = [
  '--label',
  'label',
  '--label-positive',
  'yes',
  '--prediction',
  'decision',
  '--positive',
  'approve',
];
const SENSITIVE_FLAGS = ['--sensitive', 'race,sex,age_group'];
/** The audit the bench runs: three attributes and their intersection, score bins, weights. */
export const AUDIT_FLAGS = [...OUTCOME_FLAGS, '--score', 'score', '--weights', 'weight', ...SENSITIVE_FLAGS];
export const AUDIT_CONFIG = {
  label: 'label',
  labelPositive: ['yes'],
  prediction: 'decision',
  predictionPositive: ['approve'],
  score: 'score',
  weights: 'weight',
  sensitive: ['race', 'sex', 'age_group'],
};
/** The same attributes without score and weights: confusion counts only. */
export const COUNTS_ONLY_FLAGS = [...OUTCOME_FLAGS, ...SENSITIVE_FLAGS];
export const COUNTS_ONLY_CONFIG = {
  label: 'label',
  labelPositive: ['yes'],
  prediction: 'decision',
  predictionPositive: ['approve'],
  sensitive: ['race', 'sex', 'age_group'],
};

/** The audit's score bins (default: 10 calibration bins × 128). */
export const SCORE_BINS = 1280;

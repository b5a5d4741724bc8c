import { RISK_LEVELS, type RiskLevel } from './evaluations.ts';
import { REPORT_VERDICTS, type ReportVerdict } from './reports.ts';

/**
 * The summary of an AuditResult that ai-core sends in response headers next to the result body,
 * so the backend can index a report (verdict, risk, rows, engine version, input digest) without
 * parsing the 20-200 KB result: it stores and serves the body as the bytes ai-core sent.
 * Every value is derived from the body it accompanies:
 *   x-ethixai-verdict         worst verdict status (fail > warn > pass), `none` without verdicts
 *   x-ethixai-risk            risk.level
 *   x-ethixai-rows            provenance.rowCount
 *   x-ethixai-engine-version  provenance.engineVersion
 *   x-ethixai-input-digest    provenance.inputDigest (absent when the engine gave none)
 * A client that gets a 200 without them (another implementation of the analyze API) falls back to
 * reading the same fields from the body.
 */
export const SUMMARY_HEADERS = {
  verdict: 'x-ethixai-verdict',
  riskLevel: 'x-ethixai-risk',
  rows: 'x-ethixai-rows',
  engineVersion: 'x-ethixai-engine-version',
  inputDigest: 'x-ethixai-input-digest',
} as const;

export interface AnalysisSummary {
  readonly verdict: ReportVerdict;
  readonly riskLevel: RiskLevel;
  readonly rows: number;
  readonly engineVersion: string;
  /** '' when the engine reported no digest. */
  readonly inputDigest: string;
}

const SEVERITY: Readonly<Record<string, number>> = { pass: 1, warn: 2, fail: 3 };

/** Worst verdict status, or 'none' when no criterion produced one; null for an unknown status. */
export function headlineVerdict(verdicts: readonly { status: string }[]): ReportVerdict | null {
  let worst: ReportVerdict = 'none';
  for (const v of verdicts) {
    if (!(v.status in SEVERITY)) return null;
    if (worst === 'none' || SEVERITY[v.status] > SEVERITY[worst]) worst = v.status as ReportVerdict;
  }
  return worst;
}

/** Header name -> value for a summary (ASCII values only; the input digest is omitted when empty). */
export function summaryHeaders(summary: AnalysisSummary): Record<string, string> {
  const headers: Record<string, string> = {
    [SUMMARY_HEADERS.verdict]: summary.verdict,
    [SUMMARY_HEADERS.riskLevel]: summary.riskLevel,
    [SUMMARY_HEADERS.rows]: String(summary.rows),
    [SUMMARY_HEADERS.engineVersion]: summary.engineVersion,
  };
  if (summary.inputDigest !== '') headers[SUMMARY_HEADERS.inputDigest] = summary.inputDigest;
  return headers;
}

const TOKEN = /^[\x21-\x7e]{1,200}$/;
const ROWS = /^(0|[1-9]\d{0,14})$/;

/** Reads a summary back from response headers; null when any is missing or malformed. */
export function summaryFromHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): AnalysisSummary | null {
  const one = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const verdict = one(SUMMARY_HEADERS.verdict);
  const riskLevel = one(SUMMARY_HEADERS.riskLevel);
  const rowsText = one(SUMMARY_HEADERS.rows) ?? '';
  const engineVersion = one(SUMMARY_HEADERS.engineVersion);
  const inputDigest = one(SUMMARY_HEADERS.inputDigest) ?? '';
  if (!REPORT_VERDICTS.includes(verdict as ReportVerdict) || !RISK_LEVELS.includes(riskLevel as RiskLevel)) return null;
  if (!ROWS.test(rowsText) || engineVersion === undefined || !TOKEN.test(engineVersion)) return null;
  if (inputDigest !== '' && !TOKEN.test(inputDigest)) return null;
  return {
    verdict: verdict as ReportVerdict,
    riskLevel: riskLevel as RiskLevel,
    rows: Number(rowsText),
    engineVersion,
    inputDigest,
  };
}

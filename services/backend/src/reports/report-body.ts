import type { ReportSummary } from '@ethixai/contracts';

/**
 * The report resource as bytes: the summary and provenance fields, then `"result":` followed by
 * the stored AuditResult bytes verbatim. Nothing is parsed or re-serialised on the read path.
 */
export function reportBody(summary: ReportSummary, result: Buffer): Buffer {
  const head = JSON.stringify(summary);
  return Buffer.concat([Buffer.from(`${head.slice(0, -1)},"result":`, 'utf8'), result, CLOSE]);
}

const CLOSE = Buffer.from('}', 'utf8');

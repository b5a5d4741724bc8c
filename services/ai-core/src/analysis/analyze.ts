/**
 * One analysis, from request body to response bytes, in three measured stages:
 *   ingest    parse the body into the engine's columnar Table (JSON.parse or the CSV scanner)
 *   audit     the engine
 *   serialise JSON.stringify of the result, once; the route sends the string as-is
 * The configuration is checked before the data is touched, so a bad config fails in microseconds.
 * The result's summary (verdict, risk, rows, engine version, digest) travels in response headers
 * (packages/contracts analysis-summary.ts) so the backend can store the body without parsing it.
 */
import type { Readable } from 'node:stream';
import { headlineVerdict, summaryHeaders } from '@ethixai/contracts';
import { audit, validateAuditConfig, type AuditConfig, type AuditResult, type Table } from '@ethixai/fairness';
import { checkCountsDocument, reportFromCounts } from '@ethixai/pushdown';
import type { AnalysisLimits } from '../config/env.ts';
import { parseAnalyzeJson } from '../ingest/json-body.ts';
import { tableFromJsonData } from '../ingest/json-table.ts';
import { tableFromCsvStream } from '../ingest/csv-stream.ts';
import { checkConfigBounds } from './config-bounds.ts';
import { StageClock, type StageObserver } from './stages.ts';

export interface AnalysisContext {
  readonly limits: AnalysisLimits;
  readonly observer: StageObserver;
}

export interface AnalysisOutput {
  /** The AuditResult as JSON text. */
  readonly body: string;
  /** The summary headers of that result (empty if the result has a verdict status the contract does not know). */
  readonly headers: Record<string, string>;
  readonly clock: StageClock;
}

function headersOf(result: AuditResult): Record<string, string> {
  const verdict = headlineVerdict(result.verdicts);
  if (verdict === null) return {};
  const { provenance } = result;
  return summaryHeaders({
    verdict,
    riskLevel: result.risk.level,
    rows: provenance.rowCount,
    engineVersion: provenance.engineVersion,
    inputDigest: provenance.inputDigest ?? '',
  });
}

function auditAndSerialise(table: Table, config: AuditConfig, clock: StageClock): AnalysisOutput {
  const result = clock.run('audit', () => audit(table, config));
  const body = clock.run('serialise', () => JSON.stringify(result));
  return { body, headers: headersOf(result), clock };
}

export function analyseJson(text: string, context: AnalysisContext): AnalysisOutput {
  const clock = new StageClock(context.observer);
  const input = clock.run('ingest', () => {
    const body = parseAnalyzeJson(text);
    const checked = checkConfigBounds(validateAuditConfig(body.config));
    if (body.counts !== undefined) return { config: checked, counts: checkCountsDocument(body.counts), table: null };
    return { config: checked, counts: null, table: tableFromJsonData(body.data, context.limits) };
  });
  if (input.counts !== null) {
    // The report the rows would give, from counts their own engine computed (@ethixai/pushdown).
    const result = clock.run('audit', () => reportFromCounts(input.counts, input.config));
    const body = clock.run('serialise', () => JSON.stringify(result));
    return { body, headers: headersOf(result), clock };
  }
  return auditAndSerialise(input.table!, input.config, clock);
}

/**
 * `rawConfig`: the configuration as read from the query string or a multipart `config` field;
 * `declaredBytes`: the Content-Length when the client sent one (0 otherwise), checked before reading.
 */
export async function analyseCsv(
  body: Readable,
  rawConfig: unknown,
  declaredBytes: number,
  context: AnalysisContext,
): Promise<AnalysisOutput> {
  const clock = new StageClock(context.observer);
  const config = checkConfigBounds(validateAuditConfig(rawConfig));
  const table = await clock.runAsync('ingest', () => tableFromCsvStream(body, config, context.limits, declaredBytes));
  return auditAndSerialise(table, config, clock);
}

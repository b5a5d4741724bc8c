/**
 * A text/csv request body -> engine Table, chunk by chunk: each Buffer goes straight into the
 * engine's CsvTableBuilder (no JS string of the body ever exists). Only the columns the audit
 * configuration names are materialised; the others are skipped over. Limits are enforced while
 * the bytes arrive, and the scanner's FAIR_ERR_LIMIT_EXCEEDED is renamed into the same AIC_ERR_*
 * code a JSON body gets for the same limit.
 */
import type { Readable } from 'node:stream';
import { CsvTableBuilder, type AuditConfig, type CsvColumnRequest, type Table } from '@ethixai/fairness';
import type { AnalysisLimits } from '../config/env.ts';
import { aiCoreError, type AiCoreError } from '../errors.ts';

/** Score and weights must be numbers; every other column is typed by its content, as in JSON. */
export function columnRequests(config: AuditConfig): CsvColumnRequest[] {
  const kinds = new Map<string, CsvColumnRequest['as']>();
  const add = (name: string | null | undefined, as: CsvColumnRequest['as']) => {
    if (typeof name === 'string' && kinds.get(name) !== 'numeric') kinds.set(name, as);
  };
  add(config.label, 'auto');
  add(config.prediction, 'auto');
  for (const name of config.sensitive) add(name, 'auto');
  for (const name of config.features ?? []) add(name, 'auto');
  add(config.score, 'numeric');
  add(config.weights, 'numeric');
  return [...kinds].map(([name, as]) => ({ name, as }));
}

export function payloadTooLarge(limits: AnalysisLimits): AiCoreError {
  return aiCoreError(
    'AIC_ERR_PAYLOAD_TOO_LARGE',
    `The CSV body exceeds the limit (AI_CORE_MAX_CSV_BYTES) of ${limits.maxCsvBytes} bytes`,
    { details: { limit: 'maxCsvBytes', max: limits.maxCsvBytes } },
  );
}

function renameLimitError(err: unknown, limits: AnalysisLimits): unknown {
  const { code, details, message } = err as { code?: string; details?: { limit?: string }; message?: string };
  if (code !== 'FAIR_ERR_LIMIT_EXCEEDED') return err;
  if (details?.limit === 'maxBytes') return payloadTooLarge(limits);
  if (details?.limit === 'maxRows') {
    return aiCoreError(
      'AIC_ERR_TOO_MANY_ROWS',
      `The CSV has more rows than the limit (AI_CORE_MAX_ROWS) of ${limits.maxRows}: ${message}`,
      { details: { limit: 'maxRows', max: limits.maxRows } },
    );
  }
  if (details?.limit === 'maxColumns') {
    return aiCoreError(
      'AIC_ERR_TOO_MANY_COLUMNS',
      `The CSV has more columns than the limit (AI_CORE_MAX_COLUMNS) of ${limits.maxColumns}: ${message}`,
      { details: { limit: 'maxColumns', max: limits.maxColumns } },
    );
  }
  return err;
}

export function tableFromCsvStream(
  body: Readable,
  config: AuditConfig,
  limits: AnalysisLimits,
  expectedBytes: number,
): Promise<Table> {
  if (expectedBytes > limits.maxCsvBytes) return Promise.reject(payloadTooLarge(limits));
  const builder = new CsvTableBuilder({
    columns: columnRequests(config),
    maxRows: limits.maxRows,
    maxColumns: limits.maxColumns,
    maxBytes: limits.maxCsvBytes,
    expectedBytes: Math.min(expectedBytes, limits.maxCsvBytes),
  });
  return new Promise<Table>((resolve, reject) => {
    const detach = () => body.off('data', onData).off('end', onEnd).off('error', stop).off('close', onClose);
    const stop = (err: unknown) => {
      // Stop listening without destroying the socket, so the error response can still be written.
      detach();
      body.pause();
      reject(renameLimitError(err, limits));
    };
    const onData = (chunk: Buffer) => {
      try {
        builder.push(chunk);
      } catch (err) {
        stop(err);
      }
    };
    const onEnd = () => {
      detach();
      try {
        resolve(builder.finish());
      } catch (err) {
        reject(renameLimitError(err, limits));
      }
    };
    // A client that hangs up mid-upload: 'close' without 'end' (and not always an 'error').
    const onClose = () =>
      stop(aiCoreError('AIC_ERR_BAD_REQUEST', 'The client closed the connection before the CSV body ended'));
    body.on('data', onData).on('end', onEnd).on('error', stop).on('close', onClose);
  });
}

import { pino, type Logger } from 'pino';
import { isoTimeField } from './iso-time.ts';
import { LOG_DURATION_MS, LOG_LEVEL, LOG_METHOD, LOG_MSG, LOG_MSG_REQUEST_COMPLETED, LOG_ROUTE, LOG_SPAN_ID, LOG_STATUS, LOG_TRACE_ID } from './names.ts';

// The one line every request writes, serialized by hand. Its fields are fixed (method and route
// template, escaped once per distinct value; two numbers; hex ids), so pino's generic path (the
// formatters, the redaction walk, a stringify per field) does work this line never needs. The
// line is what pino writes for the same fields (key order, `level` label, time, bindings), checked
// by test/completion-line.test.ts.

export interface CompletionFields {
  method: string;
  route: string;
  status: number;
  durationMs: number;
  /** Ids of an unsampled traced request (a sampled request's logger is bound to its ids already). */
  traceId?: string;
  spanId?: string;
}

const { chindingsSym, streamSym } = pino.symbols;
const INFO = 30;
const HEAD = `{"${LOG_LEVEL}":"info"`;
const TAIL = `,"${LOG_MSG}":${JSON.stringify(LOG_MSG_REQUEST_COMPLETED)}}\n`;

// Method and route values are few (route templates, known methods); their JSON is kept.
const escaped = new Map<string, string>();
const MAX_CACHED = 1000;
function json(value: string): string {
  let text = escaped.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    if (escaped.size < MAX_CACHED) escaped.set(value, text);
  }
  return text;
}

interface LineStream {
  write(line: string): unknown;
}

/**
 * Writes the completion line at info level through `log`'s destination when `log` is a pino
 * logger with info enabled; returns false (nothing written) when it is not a pino logger, so the
 * caller can log the usual way.
 */
export function writeCompletionLine(log: Logger, fields: CompletionFields): boolean {
  // pino keeps a logger's serialized bindings and its destination under its exported symbols.
  const internals = log as unknown as Record<symbol, unknown>;
  const bindings = internals[chindingsSym];
  const stream = internals[streamSym] as LineStream | undefined;
  if (typeof bindings !== 'string' || typeof stream?.write !== 'function') return false;
  if (log.levelVal > INFO) return true;
  let line = `${HEAD}${isoTimeField()}${bindings},"${LOG_METHOD}":${json(fields.method)},"${LOG_ROUTE}":${json(fields.route)},"${LOG_STATUS}":${fields.status},"${LOG_DURATION_MS}":${Number.isFinite(fields.durationMs) ? fields.durationMs : null}`;
  if (fields.traceId !== undefined && fields.spanId !== undefined) line += `,"${LOG_TRACE_ID}":"${fields.traceId}","${LOG_SPAN_ID}":"${fields.spanId}"`;
  stream.write(line + TAIL);
  return true;
}

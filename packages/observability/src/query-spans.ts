import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
// Type-only: erased at runtime, so this package needs no kysely dependency; services bring it.
import type { LogEvent } from 'kysely';
import type { DbQueryDuration } from './metrics.ts';
import * as n from './names.ts';

const MAX_QUERY_TEXT = 2000;
const KEYWORD = /^\s*([A-Za-z]+)/;
const TARGET = /\b(?:from|into|update|join)\s+["`]?([A-Za-z_][A-Za-z0-9_]*)/i;

export interface QueryTelemetryOptions {
  readonly system: 'sqlite' | 'postgresql';
  /** False where a maintained instrumentation already spans the queries (pg). */
  readonly spans: boolean;
  readonly duration?: DbQueryDuration;
}

/**
 * Kysely's `log` option: every query (failed ones included) is observed in the query histogram by
 * its bounded `operation` and, with `spans`, a query of a sampled request or job becomes a CLIENT
 * span `SELECT reports` with the parameterised SQL (values are placeholders: no personal data in
 * traces). For better-sqlite3, which has no maintained OpenTelemetry instrumentation. Chosen over a
 * KyselyPlugin because Kysely calls it for every query, built or `executeQuery(CompiledQuery)`
 * (which plugins never see), in the caller's async context; the span is made then, with the
 * measured start. Its cost when nothing is traced is Kysely timing each query: a loop of 100,000
 * compiled `select 1` on better-sqlite3, 10 interleaved rounds, medians 35.8 µs per query without
 * the option and 34.2 µs with it (a second run: 27.9 and 27.2), i.e. within the noise.
 */
export function kyselyQueryTelemetry({ system, spans, duration }: QueryTelemetryOptions): (event: LogEvent) => void {
  return (event) => {
    duration?.observe({ operation: dbOperation(event.query.sql) }, event.queryDurationMillis / 1000);
    if (spans) spanQuery(system, event);
  };
}

export function dbOperation(sql: string): n.DbOperation {
  const keyword = (KEYWORD.exec(sql)?.[1] ?? '').toLowerCase();
  return (n.DB_OPERATIONS as readonly string[]).includes(keyword) ? (keyword as n.DbOperation) : 'other';
}

/** Operation keyword and first table of a SQL statement (both low-cardinality, safe as a span name). */
export function describeQuery(sql: string): { operation: string; target: string | undefined } {
  return { operation: (KEYWORD.exec(sql)?.[1] ?? 'QUERY').toUpperCase(), target: TARGET.exec(sql)?.[1] };
}

function spanQuery(system: 'sqlite' | 'postgresql', event: LogEvent): void {
  if (trace.getActiveSpan()?.isRecording() !== true) return;
  const end = performance.timeOrigin + performance.now();
  const { sql } = event.query;
  const { operation, target } = describeQuery(sql);
  const span = trace.getTracer(n.TRACER_SCOPE).startSpan(target === undefined ? operation : `${operation} ${target}`, {
    kind: SpanKind.CLIENT,
    startTime: end - event.queryDurationMillis,
    attributes: {
      [n.ATTR_DB_SYSTEM]: system,
      [n.ATTR_DB_OPERATION]: operation,
      [n.ATTR_DB_QUERY_TEXT]: sql.length > MAX_QUERY_TEXT ? `${sql.slice(0, MAX_QUERY_TEXT)}…` : sql,
    },
  });
  if (event.level === 'error') {
    const error = event.error instanceof Error ? event.error : new Error(String(event.error));
    span.setAttribute(n.ATTR_ERROR_TYPE, (error as { code?: string }).code ?? error.name);
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  }
  span.end(end);
}

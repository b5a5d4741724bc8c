import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, sql } from 'kysely';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterAll, describe, expect, it } from 'vitest';
import { describeQuery, kyselyQuerySpans } from '../src/query-spans.ts';
import { createInMemoryTelemetry } from '../src/testing.ts';

describe('kyselyQuerySpans (Kysely log option)', () => {
  const traces = createInMemoryTelemetry();
  const db = new Kysely<Record<string, never>>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }), log: kyselyQuerySpans('sqlite') });
  afterAll(async () => {
    await db.destroy();
    await traces.telemetry.shutdown();
  });
  const inSpan = (run: () => Promise<unknown>) => trace.getTracer('test').startActiveSpan('request', async (span) => {
    await run();
    span.end();
    return span;
  });

  it('makes a CLIENT span per query under the active span, built or compiled, with the parameterised SQL', async () => {
    traces.reset();
    const parent = await inSpan(async () => {
      await sql`select ${'secret-value'} as v`.execute(db);
      await db.executeQuery(CompiledQuery.raw('select 2 from sqlite_master'));
    });
    const queries = traces.spans().filter((s) => s.kind === SpanKind.CLIENT);
    expect(queries.map((s) => [s.name, s.parentSpanContext?.spanId])).toEqual([['SELECT', parent.spanContext().spanId], ['SELECT sqlite_master', parent.spanContext().spanId]]);
    expect(queries[0]!.attributes).toEqual({ 'db.system.name': 'sqlite', 'db.operation.name': 'SELECT', 'db.query.text': 'select ? as v' });
    expect(JSON.stringify(queries.map((s) => s.attributes))).not.toContain('secret-value');
  });

  it('marks a failed query ERROR; makes no span outside a sampled span', async () => {
    traces.reset();
    await inSpan(() => sql`select * from missing`.execute(db).catch(() => undefined));
    await sql`select 1`.execute(db);
    const [failed, ...rest] = traces.spans().filter((s) => s.kind === SpanKind.CLIENT);
    expect([failed!.name, failed!.status.code, rest]).toEqual(['SELECT missing', SpanStatusCode.ERROR, []]);
  });

  it('names operation and first table', () => {
    expect(describeQuery('insert into "evaluations" ("id") values (?)')).toEqual({ operation: 'INSERT', target: 'evaluations' });
    expect(describeQuery('  update window_counts set n = n + 1')).toEqual({ operation: 'UPDATE', target: 'window_counts' });
    expect(describeQuery('begin')).toEqual({ operation: 'BEGIN', target: undefined });
  });
});

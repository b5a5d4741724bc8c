import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, sql } from 'kysely';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics.ts';
import { DB_QUERY_DURATION_BUCKETS } from '../src/names.ts';
import { dbOperation, describeQuery, kyselyQueryTelemetry } from '../src/query-spans.ts';
import { createInMemoryTelemetry } from '@ethixai/test-support';

describe('kyselyQueryTelemetry spans (Kysely log option)', () => {
  const traces = createInMemoryTelemetry();
  const db = new Kysely<Record<string, never>>({
    dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
    log: kyselyQueryTelemetry({ system: 'sqlite', spans: true }),
  });
  afterAll(async () => {
    await db.destroy();
    await traces.telemetry.shutdown();
  });
  const inSpan = (run: () => Promise<unknown>) =>
    trace.getTracer('test').startActiveSpan('request', async (span) => {
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
    expect(queries.map((s) => [s.name, s.parentSpanContext?.spanId])).toEqual([
      ['SELECT', parent.spanContext().spanId],
      ['SELECT sqlite_master', parent.spanContext().spanId],
    ]);
    expect(queries[0]!.attributes).toEqual({
      'db.system.name': 'sqlite',
      'db.operation.name': 'SELECT',
      'db.query.text': 'select ? as v',
    });
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
    expect(describeQuery('insert into "evaluations" ("id") values (?)')).toEqual({
      operation: 'INSERT',
      target: 'evaluations',
    });
    expect(describeQuery('  update window_counts set n = n + 1')).toEqual({
      operation: 'UPDATE',
      target: 'window_counts',
    });
    expect(describeQuery('begin')).toEqual({ operation: 'BEGIN', target: undefined });
  });
});

describe('kyselyQueryTelemetry: the query histogram', () => {
  it('observes every query, traced or not and failed ones too, under its bounded operation', async () => {
    const metrics = createMetrics({ service: 'test', defaultMetrics: false });
    const db = new Kysely<Record<string, never>>({
      dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
      log: kyselyQueryTelemetry({ system: 'sqlite', spans: false, duration: metrics.instruments.dbQueryDuration }),
    });
    await sql`create table t (n integer)`.execute(db);
    await sql`insert into t values (1), (2)`.execute(db);
    for (let i = 0; i < 3; i++) await sql`select n from t`.execute(db);
    await sql`select * from missing`.execute(db).catch(() => undefined);
    await db.destroy();
    const counts = Object.fromEntries(
      (await metrics.instruments.dbQueryDuration.get()).values
        .filter((v) => v.metricName === 'ethixai_db_query_duration_seconds_count')
        .map((v) => [v.labels.operation, v.value]),
    );
    expect(counts).toEqual({ other: 1, insert: 1, select: 4 });
    // The buckets are the documented ones (0.01 s, the objective, among them); no timing is asserted.
    const exposition = await metrics.registry.metrics();
    const selectBuckets = exposition
      .split('\n')
      .filter((l) => l.startsWith('ethixai_db_query_duration_seconds_bucket{') && l.includes('operation="select"'));
    expect(selectBuckets.map((l) => /le="([^"]+)"/.exec(l)![1])).toEqual([
      ...DB_QUERY_DURATION_BUCKETS.map(String),
      '+Inf',
    ]);
    expect(selectBuckets.at(-1)).toMatch(/ 4$/);
  });

  it('folds every statement that is not select/insert/update/delete into other', () => {
    expect(
      [
        'SELECT 1',
        ' update x set a=1',
        'delete from x',
        'INSERT into y',
        'with q as (select 1) select * from q',
        'pragma x',
        'begin',
        '',
      ].map(dbOperation),
    ).toEqual(['select', 'update', 'delete', 'insert', 'other', 'other', 'other', 'other']);
  });
});

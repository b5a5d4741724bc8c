import { sql } from 'kysely';
import { SpanKind, trace } from '@opentelemetry/api';
import { createMetrics } from '@ethixai/observability';
import { createInMemoryTelemetry, findSamples, parseScrape, sampleValue } from '@ethixai/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.ts';
import { DIALECTS } from '../dialects.ts';

// Tests may read the environment; the service never does outside config/env.ts.
const PG_URL = process.env.ETHIXAI_TEST_PG_URL;

describe('connect: queries of a traced request are CLIENT spans under the active span', () => {
  const traces = createInMemoryTelemetry({ service: 'ethixai-backend' });
  const tracer = trace.getTracer('test');
  afterAll(() => traces.telemetry.shutdown());

  async function inRequestSpan(run: () => Promise<unknown>): Promise<string> {
    return tracer.startActiveSpan('POST /v1/evaluate', { kind: SpanKind.SERVER }, async (span) => {
      await run();
      span.end();
      return span.spanContext().spanId;
    });
  }

  it('SQLite (Kysely log option): one span per query, none outside a span', async () => {
    const handle = connect({ url: 'sqlite::memory:' });
    try {
      await sql`select 1 as outside`.execute(handle.db);
      traces.reset();
      const request = await inRequestSpan(() => sql`select 1 as one`.execute(handle.db));
      const queries = traces.spans().filter((s) => s.kind === SpanKind.CLIENT);
      expect(queries.map((s) => [s.name, s.attributes['db.system.name'], s.parentSpanContext?.spanId])).toEqual([
        ['SELECT', 'sqlite', request],
      ]);
      expect(queries[0]!.attributes['db.query.text']).toBe('select 1 as one');
    } finally {
      await handle.close();
    }
  });

  it('SQLite: a failing query is a span with status ERROR', async () => {
    const handle = connect({ url: 'sqlite::memory:' });
    try {
      traces.reset();
      await inRequestSpan(() => sql`select * from no_such_table`.execute(handle.db).catch(() => undefined));
      const [query] = traces.spans().filter((s) => s.kind === SpanKind.CLIENT);
      expect([query?.name, query?.status.code]).toEqual(['SELECT no_such_table', 2]);
    } finally {
      await handle.close();
    }
  });

  it.skipIf(PG_URL === undefined)(
    'PostgreSQL (@opentelemetry/instrumentation-pg): the query is a span under the request',
    async () => {
      const handle = connect({ url: PG_URL!, poolSize: 1 });
      try {
        traces.reset();
        const request = await inRequestSpan(() => sql`select 1 as one`.execute(handle.db));
        const queries = traces.spans().filter((s) => s.kind === SpanKind.CLIENT);
        expect(queries.length).toBe(1);
        expect(queries[0]!.attributes['db.system.name']).toBe('postgresql');
        expect(queries[0]!.parentSpanContext?.spanId).toBe(request);
      } finally {
        await handle.close();
      }
    },
  );
});

describe('connect: database stats and the query histogram for the metrics', () => {
  it.each(DIALECTS.map((d) => [d.name, d] as const))(
    '%s: stats report the pool or the WAL file, and every query is observed',
    async (name, dialect) => {
      const metrics = createMetrics({ service: 'ethixai-backend', defaultMetrics: false });
      const db = await dialect.open();
      const handle = connect({ url: db.url, poolSize: 3, queryDuration: metrics.instruments.dbQueryDuration });
      metrics.watchDatabase(() => handle.stats());
      try {
        await sql`create table stats_probe (n integer)`.execute(handle.db);
        await sql`insert into stats_probe values (1)`.execute(handle.db);
        const scrape = parseScrape((await metrics.exposition()).body);
        if (name === 'postgres') {
          const pool = Object.fromEntries(
            findSamples(scrape, 'ethixai_db_pool_connections').map((s) => [s.labels.state, s.value]),
          );
          expect(pool.busy! + pool.idle!).toBeGreaterThanOrEqual(1);
          expect(pool.waiting).toBe(0);
          expect(findSamples(scrape, 'ethixai_db_wal_bytes')).toEqual([]);
        } else {
          expect(sampleValue(scrape, 'ethixai_db_wal_bytes', { dialect: 'sqlite' })).toBeGreaterThan(0);
          expect(findSamples(scrape, 'ethixai_db_pool_connections')).toEqual([]);
        }
        expect(sampleValue(scrape, 'ethixai_db_query_duration_seconds_count', { operation: 'insert' })).toBe(1);
      } finally {
        await handle.close();
        await db.dispose();
      }
    },
  );
});

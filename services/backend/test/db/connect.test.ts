import { sql } from 'kysely';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { scopeToTrace } from '@ethixai/observability';
import { createInMemoryTracing } from '@ethixai/observability/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.ts';

describe('connect: query spans go to the tracer it was given', () => {
  // The global one (registered first) and the app's own: two apps in one process must not mix.
  const global = createInMemoryTracing({ serviceName: 'global' });
  const own = createInMemoryTracing({ serviceName: 'own', registerGlobal: false });
  const handle = connect({ url: 'sqlite::memory:', tracer: own.tracing.tracer });
  afterAll(async () => {
    await handle.close();
    await own.tracing.shutdown();
    await global.tracing.shutdown();
  });

  it("records a sampled request's queries with the app's tracer, none with the global one", async () => {
    const request = own.tracing.tracer.startSpan('POST /v1/evaluate');
    const scoped = scopeToTrace(handle.db, trace.setSpan(ROOT_CONTEXT, request));
    await sql`select 1 as one`.execute(scoped);
    request.end();
    const names = own.spans().map((s) => s.name);
    expect(names).toContain('SELECT');
    expect(names).toContain('POST /v1/evaluate');
    expect(global.spans()).toEqual([]);
  });
});

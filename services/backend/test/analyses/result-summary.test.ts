import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../helper.ts';
import { analysisBody, buildBackend, SERVICE_TOKEN, startAiCore } from './two-services.ts';

/**
 * The report summary comes from ai-core's x-ethixai-* headers; without them the backend reads the
 * same fields from the result body; a 200 that is not a result is a 502 and stores nothing.
 * A scripted upstream sits between the backend and a real ai-core to take the headers away or
 * replace the answer.
 */
type Mode = 'as-is' | 'no-headers' | 'not-a-result' | 'headers-but-not-json';

describe('report summary from ai-core headers or from the result', () => {
  let aiCore: { app: FastifyInstance; url: string };
  let relay: FastifyInstance;
  let mode: Mode = 'as-is';
  let t: TestApp;
  let analyst: TestUser;

  beforeAll(async () => {
    aiCore = await startAiCore();
    relay = Fastify();
    relay.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_r, body, done) => done(null, body));
    relay.post('/v1/analyze', async (request, reply) => {
      const upstream = await fetch(`${aiCore.url}/v1/analyze`, {
        method: 'POST',
        body: request.body as Buffer,
        headers: { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json' },
      });
      const text = await upstream.text();
      const summary = Object.fromEntries([...upstream.headers].filter(([name]) => name.startsWith('x-ethixai-')));
      reply.code(upstream.status).header('content-type', 'application/json');
      if (mode === 'as-is') return reply.headers(summary).send(text);
      if (mode === 'no-headers') return reply.send(text);
      if (mode === 'not-a-result') return reply.send('[1,2,3]');
      return reply.headers(summary).send('not json');
    });
    await relay.listen({ port: 0, host: '127.0.0.1' });
    t = await buildBackend(`http://127.0.0.1:${(relay.server.address() as AddressInfo).port}`);
    analyst = await t.createUser('analyst');
  });
  afterAll(async () => {
    await t.close();
    await relay.close();
    await aiCore.app.close();
  });

  const analyse = (m: Mode) => {
    mode = m;
    return t.injectAs(analyst, {
      method: 'POST',
      url: '/v1/analyses',
      headers: { 'content-type': 'application/json' },
      payload: analysisBody(120),
    });
  };
  const summaryOf = (report: Record<string, unknown>) => {
    const { verdict, riskLevel, rows, engineVersion, inputDigest } = report;
    return { verdict, riskLevel, rows, engineVersion, inputDigest };
  };

  it('gives the same summary from the headers as from the result body, and it matches the result', async () => {
    const fromHeaders = await analyse('as-is');
    const fromBody = await analyse('no-headers');
    expect(fromHeaders.statusCode).toBe(201);
    expect(fromBody.statusCode).toBe(201);
    const report = fromHeaders.json();
    expect(summaryOf(report)).toEqual(summaryOf(fromBody.json()));
    expect(summaryOf(report)).toMatchObject({
      rows: 120,
      riskLevel: report.result.risk.level,
      inputDigest: report.result.provenance.inputDigest,
    });
    const statuses = report.result.verdicts.map((v: { status: string }) => v.status);
    expect(report.verdict).toBe(['fail', 'warn', 'pass'].find((s) => statuses.includes(s)) ?? 'none');
  });

  it.each(['not-a-result', 'headers-but-not-json'] as const)(
    'answers 502 BE_ERR_AI_CORE_BAD_RESPONSE for a 200 that is no result (%s) and stores nothing',
    async (m) => {
      const before = (await t.injectAs(analyst, { method: 'GET', url: '/v1/reports' })).json().items.length;
      const res = await analyse(m);
      expect(res.statusCode).toBe(502);
      expect(res.json()).toMatchObject({ statusCode: 502, code: 'BE_ERR_AI_CORE_BAD_RESPONSE' });
      expect((await t.injectAs(analyst, { method: 'GET', url: '/v1/reports' })).json().items).toHaveLength(before);
    },
  );
});

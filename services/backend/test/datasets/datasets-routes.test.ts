import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestApp, TestUser } from '../helper.ts';
import { buildBackend, CONFIG, sampleCsv, startAiCore } from '../analyses/two-services.ts';

const csvHeaders = { 'content-type': 'text/csv' };

describe('datasets routes', () => {
  let aiCore: { app: FastifyInstance; url: string };
  let t: TestApp;
  let analyst: TestUser;
  let viewer: TestUser;

  beforeAll(async () => {
    aiCore = await startAiCore();
    t = await buildBackend(aiCore.url);
    analyst = await t.createUser('analyst');
    viewer = await t.createUser('viewer');
  });
  afterAll(async () => {
    await t.close();
    await aiCore.app.close();
  });

  const upload = (
    payload: string | Buffer | Readable,
    query = '?name=demo',
    headers: Record<string, string> = {},
    user = analyst,
  ) =>
    t.injectAs(user, { method: 'POST', url: `/v1/datasets${query}`, headers: { ...csvHeaders, ...headers }, payload });

  it('uploads, lists, previews, analyses by id and deletes a dataset', async () => {
    const csv = sampleCsv(500);
    const res = await upload(csv);
    expect(res.statusCode).toBe(201);
    const dataset = res.json();
    expect(res.headers.location).toBe(`/v1/datasets/${dataset.id}`);
    expect(dataset).toMatchObject({
      name: 'demo',
      ownerId: analyst.id,
      bytes: csv.length,
      rows: 500,
      columns: ['g', 'y', 'p'],
    });
    expect(dataset.preview[0]).toEqual(['b', '0', '1']);
    expect(
      dataset.profile.map((c: { name: string; type: string; distinct: number }) => [c.name, c.type, c.distinct]),
    ).toEqual([
      ['g', 'categorical', 2],
      ['y', 'numeric', 2],
      ['p', 'numeric', 2],
    ]);
    expect(dataset.storedBytes).toBeLessThan(dataset.bytes);

    const list = await t.injectAs(viewer, { method: 'GET', url: '/v1/datasets?limit=10' });
    expect(list.json().items.map((d: { id: string }) => d.id)).toContain(dataset.id);
    expect((await t.injectAs(viewer, { method: 'GET', url: `/v1/datasets/${dataset.id}` })).json()).toEqual(dataset);

    const analysis = await t.injectAs(analyst, {
      method: 'POST',
      url: '/v1/analyses',
      headers: { 'content-type': 'application/json' },
      payload: { datasetId: dataset.id, config: CONFIG },
    });
    expect(analysis.statusCode, analysis.body).toBe(201);
    expect(analysis.json()).toMatchObject({ datasetId: dataset.id, rows: 500 });
    expect(analysis.json().inputDigest).toBe(JSON.parse(analysis.body).result.provenance.inputDigest);
    expect(analysis.json().inputDigest).not.toBe('');

    expect((await t.injectAs(viewer, { method: 'DELETE', url: `/v1/datasets/${dataset.id}` })).json().code).toBe(
      'BE_ERR_FORBIDDEN',
    );
    expect((await t.injectAs(analyst, { method: 'DELETE', url: `/v1/datasets/${dataset.id}` })).statusCode).toBe(204);
    const gone = await t.injectAs(viewer, { method: 'GET', url: `/v1/datasets/${dataset.id}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('BE_ERR_DATASET_NOT_FOUND');
    expect((await t.injectAs(viewer, { method: 'GET', url: `/v1/reports/${analysis.json().id}` })).statusCode).toBe(
      200,
    );
  });

  it('takes the name from x-dataset-name and streams a chunked body', async () => {
    const res = await upload(Readable.from([Buffer.from('a,b\n1,'), Buffer.from('2\n3,4\n')]), '', {
      'x-dataset-name': 'streamed',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'streamed', rows: 2 });
  });

  it.each([
    ['empty CSV', '', 'BE_ERR_CSV_EMPTY', /empty/],
    ['header only', 'a,b\n', 'BE_ERR_CSV_EMPTY', /no data rows/],
    ['ragged row', 'a,b\n1,2\n3\n', 'BE_ERR_CSV_RAGGED_ROW', /line 3/],
    ['bad encoding', Buffer.from([0x61, 0x0a, 0xff, 0x0a]), 'BE_ERR_CSV_ENCODING', /line 2/],
    ['unterminated quote', 'a\n"x\n', 'BE_ERR_CSV_UNTERMINATED_QUOTE', /line 2/],
    ['data after a closing quote', 'a\n"x"y\n', 'BE_ERR_CSV_MALFORMED_QUOTE', /line 2/],
  ])('%s → 400 %s naming the line', async (_name, payload, code, message) => {
    const res = await upload(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, code });
    expect(res.json().message).toMatch(message);
  });

  it('refuses a missing name, another media type, an oversized upload, viewers and strangers', async () => {
    expect((await upload('a\n1\n', '')).json().code).toBe('BE_ERR_DATASET_NAME_REQUIRED');
    const json = await t.injectAs(analyst, {
      method: 'POST',
      url: '/v1/datasets?name=x',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('BE_ERR_UNSUPPORTED_MEDIA_TYPE');
    const big = await upload(Readable.from([Buffer.from('a\n1\n')]), '?name=big', {
      'content-length': String(200 * 1024 * 1024 + 1),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('BE_ERR_DATASET_TOO_LARGE');
    const asViewer = await upload('a\n1\n', '?name=v', {}, viewer);
    expect(asViewer.statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/v1/datasets?name=a',
      headers: csvHeaders,
      payload: 'a\n1\n',
    });
    expect(anonymous.json().code).toBe('BE_ERR_UNAUTHENTICATED');

    const mine = (await upload('a\n1\n', '?name=mine')).json();
    const stranger = await t.createOrg();
    const other = await t.injectAs(stranger, { method: 'GET', url: `/v1/datasets/${mine.id}` });
    expect(other.statusCode).toBe(404);
    const analyse = await t.injectAs(stranger, {
      method: 'POST',
      url: '/v1/analyses',
      headers: { 'content-type': 'application/json' },
      payload: { datasetId: mine.id, config: CONFIG },
    });
    expect(analyse.statusCode).toBe(404);
    expect(analyse.json().code).toBe('BE_ERR_DATASET_NOT_FOUND');
    expect((await t.injectAs(analyst, { method: 'GET', url: '/v1/datasets?cursor=bogus' })).json().code).toBe(
      'BE_ERR_INVALID_CURSOR',
    );
  });

  it('replays an idempotent upload once and refuses the key with other bytes', async () => {
    const before = (await t.injectAs(viewer, { method: 'GET', url: '/v1/datasets?limit=200' })).json().items.length;
    const first = await upload('a,b\n1,2\n', '?name=idem', { 'idempotency-key': 'up-1' });
    const again = await upload('a,b\n1,2\n', '?name=idem', { 'idempotency-key': 'up-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect((await t.injectAs(viewer, { method: 'GET', url: '/v1/datasets?limit=200' })).json().items.length).toBe(
      before + 1,
    );
    const other = await upload('a,b\n1,3\n', '?name=idem', { 'idempotency-key': 'up-1' });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('BE_ERR_IDEMPOTENCY_KEY_REUSED');
  });
});

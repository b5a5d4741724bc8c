import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestApp, TestUser } from '../helper.ts';
import { buildBackend, startAiCore } from '../analyses/two-services.ts';

/** Group names chosen to need CSV quoting and HTML escaping. */
const TRICKY = ['<script>alert(1)</script>', 'a, "b"'];

function trickyBody(n: number): string {
  const rows = Array.from({ length: n }, (_, i) => ({ g: TRICKY[i % 2], y: i % 2, p: Number(i % 3 !== 0) }));
  return JSON.stringify({ config: { label: 'y', prediction: 'p', sensitive: ['g'] }, data: { rows } });
}

describe('reports: list, filters, exports', () => {
  let aiCore: { app: FastifyInstance; url: string };
  let t: TestApp;
  let analyst: TestUser;
  let report: {
    id: string;
    verdict: string;
    createdAt: string;
    result: { attributes: { groups: { key: string; n: number; tp: number }[] }[] };
  };

  beforeAll(async () => {
    aiCore = await startAiCore();
    t = await buildBackend(aiCore.url);
    analyst = await t.createUser('analyst');
    for (let i = 0; i < 3; i++) {
      const res = await t.injectAs(analyst, {
        method: 'POST',
        url: '/v1/analyses',
        headers: { 'content-type': 'application/json' },
        payload: trickyBody(120 + i),
      });
      report = res.json();
    }
  });
  afterAll(async () => {
    await t.close();
    await aiCore.app.close();
  });

  const get = (url: string) => t.injectAs(analyst, { method: 'GET', url });

  it('pages newest first with a cursor and filters by verdict and date range', async () => {
    const first = (await get('/v1/reports?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0].id).toBe(report.id);
    const rest = (await get(`/v1/reports?limit=2&cursor=${first.nextCursor}`)).json();
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    expect((await get(`/v1/reports?verdict=${report.verdict}`)).json().items.length).toBe(3);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await get(`/v1/reports?from=${future}`)).json().items).toEqual([]);
    expect((await get(`/v1/reports?to=${future}`)).json().items).toHaveLength(3);
    for (const [url, code] of [
      ['/v1/reports?limit=1000', 'BE_ERR_VALIDATION'],
      ['/v1/reports?verdict=maybe', 'BE_ERR_VALIDATION'],
      ['/v1/reports?cursor=xyz', 'BE_ERR_INVALID_CURSOR'],
      ['/v1/reports/not-a-uuid', 'BE_ERR_VALIDATION'],
    ]) {
      const res = await get(url);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe(code);
    }
  });

  it('exports the per-group table as CSV with proper quoting', async () => {
    const res = await get(`/v1/reports/${report.id}/export?format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(rows[0].attribute).toBe('(overall)');
    const groups = report.result.attributes[0].groups;
    for (const group of groups) {
      const row = rows.find((r) => r.attribute === 'g' && r.group === group.key)!;
      expect(row).toBeDefined();
      expect(Number(row.n)).toBe(group.n);
      expect(Number(row.tp)).toBe(group.tp);
      expect(Number(row.selection_rate_lower)).toBeLessThanOrEqual(Number(row.selection_rate));
    }
    expect(rows.map((r) => r.group)).toEqual(expect.arrayContaining(TRICKY));
    expect(Object.keys(rows[0])).toEqual(
      expect.arrayContaining(['fp', 'tn', 'fn', 'tpr', 'tpr_lower', 'tpr_upper', 'accuracy_upper']),
    );
  });

  it('exports a self-contained HTML report with every value escaped', async () => {
    const res = await get(`/v1/reports/${report.id}/export?format=html`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).not.toContain('<script>');
    expect(res.body).not.toMatch(/<link|src=|href=/);
    expect(res.body).toContain(`Verdict: <span class="badge ${report.verdict}">${report.verdict}</span>`);
    expect(res.body).toContain(report.id);
    expect(res.body).toContain('Engine version');
    // Its own CSP, stricter than the app-wide one helmet sets.
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect((await get(`/v1/reports/${report.id}/export?format=pdf`)).json().code).toBe('BE_ERR_VALIDATION');
  });

  it('serves the stored bytes brotli- or gzip-compressed as Accept-Encoding asks, with the same content', async () => {
    const plain = await get(`/v1/reports/${report.id}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    const read = (encoding: string) =>
      t.injectAs(analyst, { method: 'GET', url: `/v1/reports/${report.id}`, headers: { 'accept-encoding': encoding } });
    const decode = { gzip: gunzipSync, br: brotliDecompressSync };
    for (const [encoding, coding] of [
      ['gzip, deflate', 'gzip'],
      ['br;q=0.5, gzip', 'gzip'],
      ['gzip, deflate, br, zstd', 'br'],
      ['br', 'br'],
      ['*', 'br'],
    ] as const) {
      const res = await read(encoding);
      expect(res.statusCode).toBe(200);
      expect(`${encoding} → ${res.headers['content-encoding']}`).toBe(`${encoding} → ${coding}`);
      expect(decode[coding](res.rawPayload).equals(plain.rawPayload)).toBe(true);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      // One strong validator per representation.
      expect(res.headers.etag).toBe(`"${report.id}-${coding}"`);
    }
    for (const encoding of ['gzip;q=0', 'deflate', 'identity']) {
      const res = await read(encoding);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.rawPayload.equals(plain.rawPayload)).toBe(true);
    }
  });

  it('answers a matching If-None-Match with 304 and no body, but only to the organisation that owns the report', async () => {
    const first = await get(`/v1/reports/${report.id}`);
    const etag = first.headers.etag as string;
    expect(etag).toBe(`"${report.id}"`);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    // A private cache holds one representation and revalidates with its one tag (weak comparison).
    for (const tag of [etag, `W/${etag}`]) {
      const again = await t.injectAs(analyst, {
        method: 'GET',
        url: `/v1/reports/${report.id}`,
        headers: { 'if-none-match': tag },
      });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
    }
    const gzipTag = `"${report.id}-gzip"`;
    const gzipAgain = await t.injectAs(analyst, {
      method: 'GET',
      url: `/v1/reports/${report.id}`,
      headers: { 'if-none-match': gzipTag, 'accept-encoding': 'gzip' },
    });
    expect([gzipAgain.statusCode, gzipAgain.rawPayload.length]).toEqual([304, 0]);
    const stale = await t.injectAs(analyst, {
      method: 'GET',
      url: `/v1/reports/${report.id}`,
      headers: { 'if-none-match': '"other"' },
    });
    expect(stale.statusCode).toBe(200);
    const outsider = await t.createOrg();
    const probe = await t.injectAs(outsider, {
      method: 'GET',
      url: `/v1/reports/${report.id}`,
      headers: { 'if-none-match': etag },
    });
    expect(probe.statusCode).toBe(404);
    expect(probe.json().code).toBe('BE_ERR_REPORT_NOT_FOUND');
  });

  it('other report responses get a weak ETag (conditional GET) and are compressed above the threshold', async () => {
    const list = await get('/v1/reports');
    expect(list.headers.etag).toMatch(/^W\/"/);
    const again = await t.injectAs(analyst, {
      method: 'GET',
      url: '/v1/reports',
      headers: { 'if-none-match': list.headers.etag as string },
    });
    expect([again.statusCode, again.rawPayload.length]).toEqual([304, 0]);
    const html = await t.injectAs(analyst, {
      method: 'GET',
      url: `/v1/reports/${report.id}/export?format=html`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(html.headers['content-encoding']).toBe('gzip');
    expect(html.headers.vary).toContain('accept-encoding');
    expect(gunzipSync(html.rawPayload).toString('utf8')).toContain(report.id);
  });

  it('has no route that changes a report', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.injectAs(analyst, { method, url: `/v1/reports/${report.id}`, payload: {} });
      expect(res.statusCode).toBe(404);
    }
  });
});

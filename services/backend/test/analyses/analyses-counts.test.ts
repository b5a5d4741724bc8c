/**
 * POST /v1/analyses with per-group counts: the stored report equals the stored report of the same
 * rows sent as data (same metrics, intervals and verdicts), with provenance saying it came from
 * counts and by which query. Bodies outside the counts schema are refused before ai-core is asked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountsDocument } from '@ethixai/contracts';
import { countSource, openDuckDB } from '@ethixai/pushdown/duckdb';
import { reportDifferences } from '@ethixai/pushdown/testing';
import type { TestApp, TestUser } from '../helper.ts';
import { buildBackend, startAiCore } from './two-services.ts';

const json = { 'content-type': 'application/json' };
const CONFIG = { label: 'y', prediction: 'p', sensitive: ['g'] };

/**
 * Three groups of different sizes and rates, first seen in the order c, a, b (a counts report lists
 * them a, b, c). No two tie on a size or a rate: on an exact tie the group listed first is named.
 */
function rows(n: number): { g: string; y: number; p: number }[] {
  return Array.from({ length: n }, (_, i) => {
    const g = ['c', 'a', 'b', 'a', 'c', 'a'][i % 6];
    const k = Math.floor(i / 6);
    return {
      g,
      y: Number(k % (g === 'a' ? 2 : g === 'b' ? 3 : 5) === 0),
      p: Number(k % (g === 'a' ? 3 : g === 'b' ? 4 : 7) !== 0),
    };
  });
}
const csv = (r: ReturnType<typeof rows>) => `g,y,p\n${r.map((x) => `${x.g},${x.y},${x.p}`).join('\n')}\n`;

describe('POST /v1/analyses with counts', () => {
  let aiCore: { app: FastifyInstance; url: string };
  let t: TestApp;
  let analyst: TestUser;
  let counts: CountsDocument;

  beforeAll(async () => {
    aiCore = await startAiCore();
    t = await buildBackend(aiCore.url);
    analyst = await t.createUser('analyst');
    const dir = mkdtempSync(join(tmpdir(), 'ethixai-be-counts-'));
    writeFileSync(join(dir, 'rows.csv'), csv(rows(600)));
    const engine = await openDuckDB({ threads: 1 });
    try {
      counts = await countSource(engine, CONFIG, {
        source: { kind: 'csv', path: join(dir, 'rows.csv'), delimiter: ',' },
      });
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await t.close();
    await aiCore.app.close();
  });

  const post = (body: unknown) =>
    t.injectAs(analyst, { method: 'POST', url: '/v1/analyses', headers: json, payload: JSON.stringify(body) });

  it('stores the report the rows give, with provenance from counts', async () => {
    const fromRows = await post({ config: CONFIG, data: { rows: rows(600) } });
    const fromCounts = await post({ config: CONFIG, counts });
    expect(fromRows.statusCode, fromRows.body).toBe(201);
    expect(fromCounts.statusCode, fromCounts.body).toBe(201);
    const stored = await t.injectAs(analyst, { method: 'GET', url: `/v1/reports/${fromCounts.json().id}` });
    const rowsReport = fromRows.json();
    const countsReport = stored.json();
    expect(countsReport).toMatchObject({
      rows: 600,
      verdict: rowsReport.verdict,
      riskLevel: rowsReport.riskLevel,
      inputDigest: '',
    });
    expect(
      reportDifferences(countsReport.result, rowsReport.result, { relative: 0, derived: 0, auc: 0, scoreSums: 0 }),
    ).toEqual([]);
    expect(countsReport.result.provenance).toMatchObject({
      source: 'counts',
      pushdown: { dialect: 'duckdb', resultRows: counts.rows.length },
    });
    expect(countsReport.result.provenance.pushdown.query.text).toContain('GROUP BY 1, 2, 3');
  });

  it.each([
    [
      'a counts document without rows',
      () => ({ config: CONFIG, counts: { ...counts, rows: undefined } }),
      'BE_ERR_VALIDATION',
      'rows',
    ],
    [
      'a cell that is an object',
      () => ({ config: CONFIG, counts: { ...counts, rows: [[{}]] } }),
      'BE_ERR_VALIDATION',
      'counts/rows/0/0',
    ],
    [
      'SQL text beside the specification',
      () => ({ config: CONFIG, counts: { ...counts, query: { ...counts.query, sql: 'DROP TABLE t' } } }),
      'BE_ERR_VALIDATION',
      'body/counts/query must NOT have additional properties',
    ],
    [
      'counts and data together',
      () => ({ config: CONFIG, counts, data: { rows: [] } }),
      'BE_ERR_VALIDATION',
      'body must NOT have additional properties',
    ],
    [
      'counts computed for another label',
      () => ({ config: { ...CONFIG, label: 'p' }, counts }),
      'PUSH_ERR_INVALID_COUNTS',
      'config.label is "p" but the counts were computed for "y"',
    ],
  ])('%s → 400 %s', async (_name, body, code, mention) => {
    const res = await post(body());
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, code });
    expect(res.json().message).toContain(mention);
  });
});

/**
 * POST /v1/analyze with per-group counts ({config, counts}): the report equals the one ai-core
 * computes from the rows (COMPAS, counted by DuckDB from the same CSV); counts that do not fit
 * their schema or the configuration get a 400 naming the field.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '@ethixai/fairness';
import { countSource, openDuckDB } from '@ethixai/pushdown/duckdb';
import { reportDifferences } from '@ethixai/pushdown/testing';
import type { CountsDocument } from '@ethixai/contracts';
import { AUTH, build, COMPAS_CSV } from '../helper.ts';

const CONFIG = {
  label: 'two_year_recid',
  labelPositive: ['1'],
  prediction: 'score_text',
  predictionPositive: ['Medium', 'High'],
  score: 'v_decile_score',
  sensitive: ['race', 'sex'],
};

describe('POST /v1/analyze with counts', () => {
  let app: FastifyInstance;
  let counts: CountsDocument;
  beforeAll(async () => {
    app = await build();
    const engine = await openDuckDB({ threads: 1 });
    try {
      counts = await countSource(engine, CONFIG, {
        source: { kind: 'csv', path: fileURLToPath(COMPAS_CSV), delimiter: ',' },
      });
    } finally {
      await engine.close();
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (body: unknown) =>
    app.inject({
      method: 'POST',
      url: '/v1/analyze',
      headers: { ...AUTH, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it('answers the report the rows give, with provenance saying it came from counts and by which query', async () => {
    const fromCounts = await post({ config: CONFIG, counts });
    expect(fromCounts.statusCode, fromCounts.body).toBe(200);
    const query = new URLSearchParams({ config: JSON.stringify(CONFIG) });
    const fromRows = await app.inject({
      method: 'POST',
      url: `/v1/analyze?${query}`,
      headers: { ...AUTH, 'content-type': 'text/csv' },
      payload: readFileSync(COMPAS_CSV),
    });
    expect(fromRows.statusCode, fromRows.body).toBe(200);
    const result = fromCounts.json() as AuditResult & {
      provenance: { pushdown: { query: { text: string; sha256: string }; scores: { exact: boolean } } };
    };
    expect(reportDifferences(result, fromRows.json(), { relative: 0, derived: 0, auc: 0, scoreSums: 1e-12 })).toEqual(
      [],
    );
    expect(result.provenance.source).toBe('counts');
    expect(result.provenance.pushdown.scores.exact).toBe(true);
    expect(result.provenance.pushdown.query.text).toMatch(/^SELECT\n/);
    expect(result.provenance.pushdown.query.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fromCounts.headers['x-ethixai-rows']).toBe('7214');
  });

  it.each([
    [
      'data and counts together',
      () => ({ config: CONFIG, counts, data: { rows: [] } }),
      'AIC_ERR_VALIDATION',
      'body: has both data and counts; send one',
    ],
    [
      'a wrong format',
      () => ({ config: CONFIG, counts: { ...counts, format: 'x' } }),
      'PUSH_ERR_INVALID_COUNTS',
      'counts.format must be "ethixai.counts/1"',
    ],
    [
      'a row of the wrong length',
      () => ({ config: CONFIG, counts: { ...counts, rows: [[1]] } }),
      'PUSH_ERR_INVALID_COUNTS',
      'counts.rows[0] has 1 values for',
    ],
    [
      'counts of another label',
      () => ({ config: { ...CONFIG, label: 'is_recid' }, counts }),
      'PUSH_ERR_INVALID_COUNTS',
      'config.label is "is_recid" but the counts were computed for "two_year_recid"',
    ],
    [
      'a config the engine refuses',
      () => ({ config: { ...CONFIG, confidence: 2 }, counts }),
      'FAIR_ERR_INVALID_CONFIG',
      'config.confidence must be',
    ],
  ])('%s → 400 naming the field', async (_name, body, code, message) => {
    const res = await post(body());
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, code });
    expect(res.json().message).toContain(message);
  });
});

/**
 * ProPublica's published COMPAS truth tables (reference/fairness.md §10.2), reproduced exactly from
 * the shared copy of compas-scores-two-years.csv (all 7,214 rows, no filter).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { audit, tableFromColumns, type AuditResult, type Table } from '../src/index.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const file = resolve(repoRoot, '../shared/datasets/compas/compas-scores-two-years.csv');
const present = existsSync(file);
if (!present) console.warn(`SKIPPED COMPAS reproduction: ${file} is absent`);

function loadCompas(): Table {
  const rows: string[][] = parse(readFileSync(file), { relax_column_count: false });
  const header = rows[0];
  const col = (name: string) => rows.slice(1).map((r) => r[header.indexOf(name)]);
  return tableFromColumns({
    race: col('race'),
    sex: col('sex'),
    two_year_recid: col('two_year_recid'),
    score_text: col('score_text'),
    decile_score: col('decile_score').map(Number),
  });
}

const cells = (r: AuditResult, attribute: string | null, key: string) => {
  const g =
    attribute === null ? r.overall : r.attributes.find((a) => a.name === attribute)!.groups.find((x) => x.key === key)!;
  return {
    TN: g.tn,
    FP: g.fp,
    FN: g.fn,
    TP: g.tp,
    FPR: +(g.rates.fpr.value! * 100).toFixed(2),
    FNR: +(g.rates.fnr.value! * 100).toFixed(2),
  };
};

describe.skipIf(!present)('ProPublica COMPAS truth tables', () => {
  const table = present ? loadCompas() : null;
  const config = { label: 'two_year_recid', prediction: 'score_text', sensitive: ['race', 'sex'] };
  it('"Medium or High" = high risk: all defendants, African-American, Caucasian', () => {
    const r = audit(table!, { ...config, predictionPositive: ['Medium', 'High'] });
    expect(r.overall.rows).toBe(7214);
    expect(cells(r, null, '')).toEqual({ TN: 2681, FP: 1282, FN: 1216, TP: 2035, FPR: 32.35, FNR: 37.4 });
    expect(cells(r, 'race', 'African-American')).toEqual({
      TN: 990,
      FP: 805,
      FN: 532,
      TP: 1369,
      FPR: 44.85,
      FNR: 27.99,
    });
    expect(cells(r, 'race', 'Caucasian')).toEqual({ TN: 1139, FP: 349, FN: 461, TP: 505, FPR: 23.45, FNR: 47.72 });
    // cross-checks of §10.2: PPV, and AIF360's Theil / GEI(2) on the same decisions
    expect(r.overall.rates.ppv.value).toBeCloseTo(0.6135, 4);
    expect(r.inequality.theil.value).toBeCloseTo(0.235, 4);
    expect(r.inequality.gei.value).toBeCloseTo(0.17, 4);
    const fpr = r.attributes[0].comparisons.find((c) => c.metric === 'fpr' && c.group === 'Caucasian')!;
    expect(fpr.reference).toBe('African-American');
    expect(1 / fpr.ratio.value!).toBeCloseTo(1.9121, 4); // ProPublica's "91 % more likely"
  });
  it('"High only": African-American and Caucasian', () => {
    const r = audit(table!, { ...config, predictionPositive: ['High'] });
    expect(cells(r, 'race', 'Caucasian')).toEqual({ TN: 1407, FP: 81, FN: 771, TP: 195, FPR: 5.44, FNR: 79.81 });
    expect(cells(r, 'race', 'African-American')).toEqual({
      TN: 1511,
      FP: 284,
      FN: 1160,
      TP: 741,
      FPR: 15.82,
      FNR: 61.02,
    });
  });
  it('decile_score ≥ 5 gives the same table; race × sex intersection flags the 2-person cell', () => {
    const r = audit(table!, { ...config, prediction: undefined, score: 'decile_score', threshold: 5 });
    expect(cells(r, 'race', 'African-American')).toMatchObject({ TN: 990, FP: 805, FN: 532, TP: 1369 });
    const asianFemale = r.attributes[2].groups.find((g) => g.key === 'Asian × Female')!;
    expect(asianFemale).toMatchObject({ rows: 2, small: true });
    // fairlearn's intersection DP ratio is 0.0, driven by that cell; small cells do not drive ours
    const dpRatio = r.attributes[2].criteria.find((c) => c.name === 'demographic_parity_ratio')!;
    expect(dpRatio.value.value).toBeGreaterThan(0);
    expect(r.overall.auc.value).toBeGreaterThan(0.69);
  });
});

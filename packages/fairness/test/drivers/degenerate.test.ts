import { describe, expect, it } from 'vitest';
import { FairnessError } from '../../src/errors.ts';
import { analyzeDrivers } from '../../src/drivers/index.ts';
import { numbersIn, proxyScenario, tableOf } from './synthetic.ts';

const base = proxyScenario(600);
const zipCodes = (base.table.columns.get('zip') as { codes: Int32Array }).codes;
const income = (base.table.columns.get('income') as { values: Float64Array }).values;

describe('analyzeDrivers: degenerate inputs are values with reasons', () => {
  it('all decisions identical: no surrogate (decisions_constant), proxies still measured', () => {
    const r = analyzeDrivers({
      ...base,
      decisions: new Uint8Array(600).fill(1),
      features: ['zip', 'income'],
      rows: null,
      seed: 1,
    });
    expect(r.surrogate).toEqual({
      fitted: false,
      reason: 'decisions_constant',
      message: expect.stringContaining('is 1'),
    });
    expect(r.ranking).toEqual([]);
    expect(r.flags).toEqual([]);
    expect(r.features.every((f) => f.share === null && f.rank === null && f.excludedReason === null)).toBe(true);
    expect(r.proxies.find((p) => p.feature === 'zip')?.strong).toBe(true);
    for (const [path, v] of numbersIn(JSON.parse(JSON.stringify(r)))) expect(Number.isFinite(v), path).toBe(true);
  });

  it('a constant feature and all-missing features are left out with their reason', () => {
    const n = 600;
    const table = tableOf({
      zip: { kind: 'categorical', codes: zipCodes, levels: ['A', 'B'] },
      income: { kind: 'numeric', values: income },
      constant: { kind: 'numeric', values: new Float64Array(n).fill(3) },
      emptyNum: { kind: 'numeric', values: new Float64Array(n).fill(NaN) },
      emptyCat: { kind: 'categorical', codes: new Int32Array(n).fill(-1), levels: ['x'] },
      oneLevel: { kind: 'categorical', codes: new Int32Array(n), levels: ['only'] },
    });
    const features = ['zip', 'income', 'constant', 'emptyNum', 'emptyCat', 'oneLevel'];
    const r = analyzeDrivers({ ...base, table, features, rows: null, seed: 1 });
    const reason = (name: string) => r.features.find((f) => f.name === name)?.excludedReason;
    expect([reason('constant'), reason('emptyNum'), reason('emptyCat'), reason('oneLevel')]).toEqual([
      'feature_constant',
      'feature_all_missing',
      'feature_all_missing',
      'feature_constant',
    ]);
    expect(r.ranking).toEqual(['zip', 'income']);
    const proxy = (name: string) => r.proxies.find((p) => p.feature === name)!;
    expect(proxy('constant')).toMatchObject({
      cramersV: null,
      nmi: null,
      reason: 'feature_constant',
      strong: false,
      n: 600,
    });
    expect(proxy('emptyNum').reason).toBe('feature_all_missing');
    expect(proxy('emptyCat').reason).toBe('feature_all_missing');
  });

  it('no usable feature at all: no surrogate (no_usable_features)', () => {
    const table = tableOf({ c: { kind: 'numeric', values: new Float64Array(600).fill(1) } });
    const r = analyzeDrivers({ ...base, table, features: ['c'], rows: null, seed: 1 });
    expect(r.surrogate).toMatchObject({ fitted: false, reason: 'no_usable_features' });
  });

  it('a single-level sensitive column gives null associations with a reason', () => {
    const sensitive = [{ name: 'one', codes: new Int32Array(600), levels: ['all'] }];
    const r = analyzeDrivers({ ...base, sensitive, features: ['zip'], rows: null, seed: 1 });
    expect(r.proxies).toEqual([
      expect.objectContaining({
        sensitive: 'one',
        cramersV: null,
        nmi: null,
        reason: 'sensitive_single_level',
        strong: false,
      }),
    ]);
    expect(r.flags).toEqual([]);
  });

  it('missing sensitive values are not counted; all missing gives no_complete_rows', () => {
    const codes = Int32Array.from(base.sensitive[0].codes, (c, i) => (i % 3 === 0 ? -1 : c));
    const r = analyzeDrivers({
      ...base,
      sensitive: [{ name: 'group', codes, levels: ['g0', 'g1'] }],
      features: ['zip'],
      rows: null,
      seed: 1,
    });
    expect(r.proxies[0].n).toBe(400);
    const none = analyzeDrivers({
      ...base,
      sensitive: [{ name: 'group', codes: new Int32Array(600).fill(-1), levels: ['g0'] }],
      features: ['zip'],
      rows: null,
      seed: 1,
    });
    expect(none.proxies[0]).toMatchObject({ n: 0, reason: 'no_complete_rows', cramersV: null });
  });

  it('no features and no sensitive attributes: empty lists, no surrogate, no crash', () => {
    const r = analyzeDrivers({ ...base, features: [], sensitive: [], rows: null, seed: 1 });
    expect(r.surrogate).toMatchObject({ fitted: false, reason: 'no_usable_features' });
    expect([r.features, r.proxies, r.flags, r.ranking]).toEqual([[], [], [], []]);
    const noSensitive = analyzeDrivers({ ...base, features: ['zip'], sensitive: [], rows: null, seed: 1 });
    expect(noSensitive.surrogate.fitted).toBe(true);
    expect(noSensitive.proxies).toEqual([]);
  });

  it('no included rows: no_rows', () => {
    const r = analyzeDrivers({ ...base, features: ['zip'], rows: new Uint32Array(0), seed: 1 });
    expect(r.n).toBe(0);
    expect(r.surrogate).toMatchObject({ fitted: false, reason: 'no_rows' });
  });
});

describe('analyzeDrivers: row selection', () => {
  it('analysing rows R equals analysing a table that holds only R', () => {
    const rows = Uint32Array.from({ length: 300 }, (_, i) => i * 2);
    const pick = <T extends Int32Array | Float64Array | Uint8Array>(a: T) => a.filter((_, i) => i % 2 === 0) as T;
    const table = tableOf({
      zip: { kind: 'categorical', codes: pick(zipCodes), levels: ['A', 'B'] },
      income: { kind: 'numeric', values: pick(income) },
    });
    const sensitive = [{ ...base.sensitive[0], codes: pick(base.sensitive[0].codes) }];
    const viaRows = analyzeDrivers({ ...base, features: ['zip', 'income'], rows, seed: 4 });
    const viaTable = analyzeDrivers({
      table,
      decisions: pick(base.decisions),
      sensitive,
      features: ['zip', 'income'],
      rows: null,
      seed: 4,
    });
    expect(viaRows).toEqual(viaTable);
    expect(viaRows.n).toBe(300);
  });
});

describe('analyzeDrivers: input errors name the field', () => {
  const expectError = (f: () => unknown, code: string, text: string) => {
    try {
      f();
      expect.unreachable('no error thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(FairnessError);
      expect((e as FairnessError).code).toBe(code);
      expect((e as FairnessError).statusCode).toBe(400);
      expect((e as Error).message).toContain(text);
    }
  };
  const ok = { ...base, features: ['zip'], rows: null, seed: 1 };

  it('rejects unknown, duplicated and mis-sized inputs', () => {
    expectError(() => analyzeDrivers({ ...ok, features: ['nope'] }), 'FAIR_ERR_COLUMN_NOT_FOUND', '"nope"');
    expectError(() => analyzeDrivers({ ...ok, features: ['zip', 'zip'] }), 'FAIR_ERR_INVALID_CONFIG', 'listed twice');
    expectError(
      () => analyzeDrivers({ ...ok, table: { ...base.table, duplicateNames: new Set(['zip']) } }),
      'FAIR_ERR_DUPLICATE_COLUMN',
      '"zip"',
    );
    expectError(() => analyzeDrivers({ ...ok, decisions: new Uint8Array(5) }), 'FAIR_ERR_INVALID_CONFIG', 'decisions');
    const two = base.decisions.slice();
    two[7] = 2;
    expectError(() => analyzeDrivers({ ...ok, decisions: two }), 'FAIR_ERR_INVALID_CONFIG', 'row 7 is 2');
    expectError(() => analyzeDrivers({ ...ok, rows: Uint32Array.from([600]) }), 'FAIR_ERR_INVALID_CONFIG', 'rows');
    expectError(
      () => analyzeDrivers({ ...ok, sensitive: [{ name: 's', codes: new Int32Array(600).fill(3), levels: ['a'] }] }),
      'FAIR_ERR_INVALID_CONFIG',
      'sensitive.s',
    );
    const inf = income.slice();
    inf[9] = -Infinity;
    const withInf = {
      ...base.table,
      columns: new Map([...base.table.columns, ['income', { kind: 'numeric' as const, values: inf }]]),
    };
    expectError(
      () => analyzeDrivers({ ...ok, table: withInf, features: ['income'] }),
      'FAIR_ERR_NOT_NUMERIC',
      '-Infinity at row 9',
    );
    // Outside the included rows an infinite value is not the audit's concern.
    expect(
      analyzeDrivers({ ...ok, table: withInf, features: ['income'], rows: Uint32Array.from([1, 2, 3, 4]) }).n,
    ).toBe(4);
    expectError(() => analyzeDrivers({ ...ok, topK: 0 }), 'FAIR_ERR_INVALID_CONFIG', 'topK');
    expectError(() => analyzeDrivers({ ...ok, proxyThreshold: 1.5 }), 'FAIR_ERR_INVALID_CONFIG', 'proxyThreshold');
    expectError(() => analyzeDrivers({ ...ok, seed: Number.NaN }), 'FAIR_ERR_INVALID_CONFIG', 'seed');
  });
});

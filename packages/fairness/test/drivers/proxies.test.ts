import { describe, expect, it } from 'vitest';
import { contingencyFromCounts } from '../../src/drivers/contingency.ts';
import { cramersV } from '../../src/drivers/association.ts';
import { featureProxies } from '../../src/drivers/proxies.ts';
import { jointGroups } from '../../src/drivers/sensitive-joint.ts';
import { mulberry32 } from '../../src/drivers/prng.ts';
import type { Column } from '../../src/table.ts';

const n = 3000;
const r = mulberry32(17);
const attr = (levels: number, missing: number) =>
  Int32Array.from({ length: n }, () => (r() < missing ? -1 : Math.floor(r() * levels)));
const a = attr(3, 0.1);
const b = attr(2, 0.2);
const wideA = attr(100, 0);
const wideB = attr(100, 0.05);
const feature: Column = {
  kind: 'categorical',
  codes: Int32Array.from(a, (v, i) => (v < 0 ? i % 4 : v)),
  levels: ['p', 'q', 'r', 's'],
};
const numeric: Column = {
  kind: 'numeric',
  values: Float64Array.from(b, (v, i) => (i % 50 === 0 ? NaN : v * 10 + r())),
};
const levelsOf = (k: number) => Array.from({ length: k }, (_, i) => `l${i}`);
const S = (name: string, codes: Int32Array, k: number) => ({ name, codes, levels: levelsOf(k) });

function alone(col: Column, s: ReturnType<typeof S>, rows: Uint32Array | null = null) {
  return featureProxies('f', col, [s], jointGroups([s], rows), rows, null, 0.3)[0];
}

describe('proxies over several attributes', () => {
  it('one joint pass gives the same tables as one attribute at a time (missing differs per attribute)', () => {
    const sens = [S('a', a, 3), S('b', b, 2)];
    const groups = jointGroups(sens, null);
    expect(groups).toHaveLength(1);
    for (const col of [feature, numeric]) {
      const both = featureProxies('f', col, sens, groups, null, null, 0.3);
      expect(both).toEqual([alone(col, sens[0]), alone(col, sens[1])]);
    }
    const both = featureProxies('f', feature, sens, groups, null, null, 0.3);
    expect(both[0].n).toBe(Array.from(a).filter((v) => v >= 0).length);
    expect(both[0].cramersV).toBeGreaterThan(0.95); // the feature copies a where a is present
    expect(both[1].cramersV).toBeLessThan(0.05);
  });

  it('wide attributes fall back to one group each, with the same results', () => {
    const sens = [S('wa', wideA, 100), S('wb', wideB, 100)];
    const groups = jointGroups(sens, null);
    expect(groups.map((g) => g.members)).toEqual([[0], [1]]);
    expect(featureProxies('f', numeric, sens, groups, null, null, 0.3)).toEqual([
      alone(numeric, sens[0]),
      alone(numeric, sens[1]),
    ]);
  });

  it('counts exactly: a 2x2 feature x attribute table gives the hand-computed V', () => {
    // Rows: 40 (x0,s0), 10 (x0,s1), 10 (x1,s0), 40 (x1,s1) -> plain V 0.6 as in association.test.ts.
    const x = Int32Array.from([...Array(50).fill(0), ...Array(50).fill(1)]);
    const s = Int32Array.from([...Array(40).fill(0), ...Array(10).fill(1), ...Array(10).fill(0), ...Array(40).fill(1)]);
    const p = alone(
      { kind: 'categorical', codes: x, levels: ['x0', 'x1'] },
      { name: 's', codes: s, levels: ['s0', 's1'] },
    );
    expect(p.cramersVPlain).toBeCloseTo(0.6, 12);
    expect(p.cramersV).toBeCloseTo(
      cramersV(
        contingencyFromCounts([
          [40, 10],
          [10, 40],
        ]),
      )!.corrected,
      12,
    );
    expect(p).toMatchObject({ n: 100, featureLevels: 2, sensitiveLevels: 2, strong: true });
  });
});

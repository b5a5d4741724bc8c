/** Synthetic audit inputs for the drivers tests: a decision driven by a proxy of a protected attribute. */
import { mulberry32 } from '../../src/drivers/prng.ts';
import type { Column, Table } from '../../src/table.ts';

export function tableOf(columns: Record<string, Column>): Table {
  const first = Object.values(columns)[0];
  const rowCount = first.kind === 'numeric' ? first.values.length : first.codes.length;
  return { rowCount, columns: new Map(Object.entries(columns)) };
}

/**
 * n rows: `group` (protected, 2 levels); `zip` agrees with group on 90% of rows (a proxy);
 * `income` numeric, independent of group, with 5% missing; `noise` numeric, pure noise.
 * The decision is 1 when 3*(zip == B) + income/25 - 2.5 + noise' > 0: driven by zip, then income.
 */
export function proxyScenario(n: number, seed = 99) {
  const r = mulberry32(seed);
  const group = new Int32Array(n);
  const zip = new Int32Array(n);
  const income = new Float64Array(n);
  const noise = new Float64Array(n);
  const decisions = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    group[i] = r() < 0.5 ? 0 : 1;
    zip[i] = r() < 0.9 ? group[i] : 1 - group[i];
    const inc = r() * 100;
    income[i] = r() < 0.05 ? NaN : inc;
    noise[i] = r() * 10;
    decisions[i] = 3 * zip[i] + inc / 25 - 3.5 + (r() - 0.5) * 1.5 > 0 ? 1 : 0;
  }
  const table = tableOf({
    zip: { kind: 'categorical', codes: zip, levels: ['A', 'B'] },
    income: { kind: 'numeric', values: income },
    noise: { kind: 'numeric', values: noise },
    group: { kind: 'categorical', codes: group, levels: ['g0', 'g1'] },
  });
  return { table, decisions, sensitive: [{ name: 'group', codes: group, levels: ['g0', 'g1'] as const }] };
}

/** Every number in a JSON-like value, with its path, to check none is NaN or infinite. */
export function numbersIn(value: unknown, path = '$'): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    if (ArrayBuffer.isView(value)) throw new Error(`typed array at ${path}`);
    return Object.entries(value).flatMap(([k, v]) => numbersIn(v, `${path}.${k}`));
  }
  return [];
}

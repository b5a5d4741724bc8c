/**
 * Aequitas golden vectors (shared/datasets/aequitas-golden), compared cell by cell where the
 * definitions agree. Deliberate differences, each checked below rather than skipped silently:
 *  - x/0 disparities: Aequitas writes 10.0 (fill_divbyzero); we report null with reason division_by_zero.
 *  - 0/0 rates and disparities: Aequitas NaN; we report null with a reason.
 *  - ppr ("share of all selections") and its disparity are not engine outputs (our "Statistical
 *    Parity" is the selection rate, Aequitas' pprev); they are not compared.
 *  - the high-level Supervised/Unsupervised Fairness columns combine parities in Aequitas' own way
 *    (NaN handling differs between versions, reference/fairness.md §9); not compared.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { audit, tableFromColumns } from '../src/index.ts';
import { breaches } from '../src/verdicts.ts';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/datasets/aequitas-golden');
const present = existsSync(dir);
if (!present) console.warn(`SKIPPED Aequitas golden vectors: ${dir} is absent`);

const CASES: [string, string, Record<string, string>, number][] = [
  ['test_1.csv', 'expected_output_fairness_test_1.csv', { class: 'High' }, 0.8],
  ['test_2.csv', 'expected_output_test_2.csv', { class: 'High', not_class: 'Low' }, 0.8],
  ['test_3.csv', 'expected_output_test_3.csv', { class: 'High' }, 0.8],
  ['test_4.csv', 'expected_output_test_4.csv', { class: 'High' }, 0.8],
  ['test_5.csv', 'expected_output_test_5.csv', { class: 'High' }, 0.8],
  ['test_6.csv', 'expected_output_test_6.csv', { class: 'High' }, 0.8],
  ['test_1.csv', 'expected_output_test_7.csv', { class: 'High' }, 0.5],
  ['test_1.csv', 'expected_output_test_8.csv', { class: 'High' }, 0.9],
];
const RATES = { fpr: 'fpr', fnr: 'fnr', for: 'for', fdr: 'fdr', pprev: 'selection_rate' } as const;
const PARITY = {
  fpr: 'FPR Parity',
  fnr: 'FNR Parity',
  for: 'FOR Parity',
  fdr: 'FDR Parity',
  pprev: 'Impact Parity',
} as const;
const read = (f: string): Record<string, string>[] => parse(readFileSync(resolve(dir, f)), { columns: true });

describe.skipIf(!present)('Aequitas golden vectors', () => {
  for (const [input, expectedFile, refs, tau] of CASES) {
    it(`${input} → ${expectedFile} (tau ${tau})`, () => {
      const rows = read(input);
      const attrs = Object.keys(rows[0]).filter((k) => k !== 'label_value' && k !== 'score');
      const table = tableFromColumns(Object.fromEntries(Object.keys(rows[0]).map((k) => [k, rows.map((r) => r[k])])));
      const r = audit(table, {
        label: 'label_value',
        labelPositive: ['1'],
        prediction: 'score',
        predictionPositive: ['1'],
        sensitive: attrs,
        reference: refs,
        intersection: false,
        minGroupSize: 0,
        minDenominator: 0,
      });
      let compared = 0;
      for (const e of read(expectedFile)) {
        const attr = r.attributes.find((a) => a.name === e.attribute_name)!;
        const g = attr.groups.find((x) => x.key === e.attribute_value)!;
        expect([g.tp, g.fp, g.tn, g.fn, g.n]).toEqual([+e.tp, +e.fp, +e.tn, +e.fn, +e.group_size]);
        for (const [aeq, ours] of Object.entries(RATES)) {
          const want = Number(e[aeq]);
          const got = g.rates[ours].value;
          if (Number.isNaN(want)) expect(got).toBeNull();
          else expect(got).toBeCloseTo(want, 12);
          const disparity = e[`${aeq}_disparity`];
          if (disparity === undefined) continue;
          if (e.attribute_value === e.reference_group) {
            // a group against itself: 1 when its rate is defined, NaN (0/0) when not
            if (got === null || got === 0) expect(Number.isNaN(Number(disparity))).toBe(true);
            else expect(Number(disparity)).toBe(1);
            continue;
          }
          const c = attr.comparisons.find(
            (x) => x.metric === ours && x.group === g.key && x.reference === e.reference_group,
          )!;
          const ref = attr.groups.find((x) => x.key === e.reference_group)!.rates[ours].value;
          if (ref === 0 && got !== 0 && got !== null) {
            expect(Number(disparity)).toBe(10); // Aequitas fill_divbyzero
            expect(c.ratio).toEqual({ value: null, reason: 'division_by_zero' });
          } else if (Number.isNaN(Number(disparity))) {
            expect(c.ratio.value).toBeNull();
          } else {
            expect(c.ratio.value).toBeCloseTo(Number(disparity), 12);
            const parity = e[PARITY[aeq as keyof typeof PARITY]];
            if (parity === 'TRUE' || parity === 'FALSE')
              expect(!breaches('band', c.ratio.value!, tau)).toBe(parity === 'TRUE');
          }
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(0);
    });
  }
});

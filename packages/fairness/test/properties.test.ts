import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit, tableFromColumns, type AuditResult } from '../src/index.ts';

const row = fc.record({
  g: fc.constantFrom('a', 'b', 'c'),
  h: fc.constantFrom('x', 'y'),
  y: fc.integer({ min: 0, max: 1 }),
  p: fc.integer({ min: 0, max: 1 }),
});
const rows = fc.array(row, { minLength: 1, maxLength: 60 });
type Row = { g: string; h: string; y: number; p: number };
const config = { label: 'y', prediction: 'p', sensitive: ['g', 'h'], minGroupSize: 0, minDenominator: 0 };
const run = (rs: Row[]) =>
  audit(
    tableFromColumns({ g: rs.map((r) => r.g), h: rs.map((r) => r.h), y: rs.map((r) => r.y), p: rs.map((r) => r.p) }),
    config,
  );

/** Everything that must not depend on row order, as a comparable map (group order follows first appearance). */
function byGroup(r: AuditResult) {
  return Object.fromEntries(
    r.attributes.flatMap((a) => a.groups.map((g) => [`${a.name}/${g.key}`, { n: g.n, rates: g.rates }])),
  );
}

describe('properties', () => {
  it('row permutation invariance', () => {
    fc.assert(
      fc.property(rows, fc.integer(), (rs, seed) => {
        const shuffled = [...rs].sort(
          (a, b) => ((JSON.stringify(a).length * 31 + seed) % 7) - ((JSON.stringify(b).length * 17 + seed) % 5),
        );
        const a = run(rs),
          b = run(shuffled);
        expect(byGroup(b)).toEqual(byGroup(a));
        expect(
          b.attributes
            .map((x) => x.criteria.map((c) => c.value.value))
            .flat()
            .sort(),
        ).toEqual(
          a.attributes
            .map((x) => x.criteria.map((c) => c.value.value))
            .flat()
            .sort(),
        );
        expect(b.inequality).toEqual(a.inequality);
      }),
      { numRuns: 60 },
    );
  });
  it('duplicating the data keeps point estimates and narrows (or keeps) every interval', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const a = run(rs),
          b = run([...rs, ...rs]);
        for (const [k, g] of Object.entries(byGroup(a))) {
          const h = byGroup(b)[k];
          for (const [name, est] of Object.entries(g.rates)) {
            const e2 = h.rates[name as keyof typeof g.rates];
            expect(e2.value).toBe(est.value);
            if (est.value !== null && e2.value !== null) {
              expect(e2.interval[1] - e2.interval[0]).toBeLessThanOrEqual(est.interval[1] - est.interval[0] + 1e-12);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });
  it('relabelling groups permutes the output', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const rename: Record<string, string> = { a: 'c', b: 'a', c: 'b' };
        const a = run(rs),
          b = run(rs.map((r) => ({ ...r, g: rename[r.g] })));
        const ga = a.attributes[0].groups,
          gb = b.attributes[0].groups;
        for (const g of ga) expect(gb.find((x) => x.key === rename[g.key])!.rates).toEqual(g.rates);
        const dp = (r: AuditResult) =>
          r.attributes[0].criteria.find((c) => c.name === 'demographic_parity_difference')!.value.value;
        expect(dp(b)).toBe(dp(a));
      }),
      { numRuns: 60 },
    );
  });
  it('spread ratios are in [0, 1], differences ≥ 0, equalized odds ≥ its parts', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const r = run(rs);
        for (const a of r.attributes) {
          for (const s of a.spreads) {
            if (s.ratio.value !== null) {
              expect(s.ratio.value).toBeGreaterThanOrEqual(0);
              expect(s.ratio.value).toBeLessThanOrEqual(1);
            }
            if (s.difference.value !== null) expect(s.difference.value).toBeGreaterThanOrEqual(0);
          }
          const c = Object.fromEntries(a.criteria.map((x) => [x.name, x.value.value]));
          if (c.equalized_odds_difference_worst_case !== null) {
            expect(c.equalized_odds_difference_worst_case).toBeGreaterThanOrEqual(c.equal_opportunity_difference!);
            expect(c.equalized_odds_difference_worst_case).toBeGreaterThanOrEqual(c.fpr_parity_difference!);
          }
        }
        for (const g of r.attributes.flatMap((a) => a.groups)) {
          for (const e of Object.values(g.rates))
            if (e.value !== null) {
              expect(e.interval[0]).toBeLessThanOrEqual(e.value + 1e-12);
              expect(e.interval[1]).toBeGreaterThanOrEqual(e.value - 1e-12);
            }
        }
      }),
      { numRuns: 80 },
    );
  });
  it('equal rates give zero difference and ratio 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 1,
          maxLength: 20,
        }),
        (cells) => {
          const rs: Row[] = ['a', 'b', 'c'].flatMap((g) => cells.map(([y, p]) => ({ g, h: 'x', y, p })));
          const r = run(rs);
          for (const s of r.attributes[0].spreads) {
            if (s.difference.value !== null) expect(s.difference.value).toBe(0);
            if (s.ratio.value !== null) expect(s.ratio.value).toBe(1);
          }
          expect(r.attributes[0].betweenGroupGei.value ?? 0).toBeCloseTo(0, 12);
        },
      ),
      { numRuns: 60 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { contingencyFromCounts } from '../../src/drivers/contingency.ts';
import { cramersV, normalisedMutualInformation } from '../../src/drivers/association.ts';

// Expected values are worked by hand from the definitions; the arithmetic is spelled out.
describe("Cramér's V", () => {
  it('2x2 with phi = 0.6: plain 0.6, bias-corrected sqrt((0.36 - 1/99) / (1 - 1/99))', () => {
    // phi = (40*40 - 10*10) / sqrt(50*50*50*50) = 1500 / 2500
    const v = cramersV(
      contingencyFromCounts([
        [40, 10],
        [10, 40],
      ]),
    );
    expect(v?.plain).toBeCloseTo(0.6, 12);
    expect(v?.corrected).toBeCloseTo(Math.sqrt((0.36 - 1 / 99) / (1 - 1 / 99)), 12); // 0.5945329
    expect(v?.corrected).toBeCloseTo(0.594533, 6);
  });

  it('weak 2x2: plain |phi| = 200 / sqrt(30*70*40*60), corrected to 0 (phi^2 < 1/(n-1))', () => {
    const v = cramersV(
      contingencyFromCounts([
        [10, 20],
        [30, 40],
      ]),
    );
    expect(v?.plain).toBeCloseTo(200 / Math.sqrt(30 * 70 * 40 * 60), 12); // 0.0890871
    expect(v?.corrected).toBe(0);
  });

  it('3x2: chi2 = 60, phi2 = 0.6; corrected uses min(kc-1, rc-1) = 1 - 1/99', () => {
    const v = cramersV(
      contingencyFromCounts([
        [30, 0],
        [0, 30],
        [20, 20],
      ]),
    );
    expect(v?.plain).toBeCloseTo(Math.sqrt(0.6), 12);
    expect(v?.corrected).toBeCloseTo(Math.sqrt((0.6 - 2 / 99) / (1 - 1 / 99)), 12); // 0.765320
  });

  it('perfect association is 1 both ways; independence is 0', () => {
    expect(
      cramersV(
        contingencyFromCounts([
          [50, 0],
          [0, 50],
        ]),
      ),
    ).toEqual({ plain: 1, corrected: 1 });
    expect(
      cramersV(
        contingencyFromCounts([
          [25, 25],
          [25, 25],
        ]),
      ),
    ).toEqual({ plain: 0, corrected: 0 });
  });

  it('is undefined with a single level on either side or an empty row/column only', () => {
    expect(cramersV(contingencyFromCounts([[10], [20]]))).toBeNull();
    expect(
      cramersV(
        contingencyFromCounts([
          [10, 20],
          [0, 0],
        ]),
      ),
    ).toBeNull();
    // An empty level does not count as a level: this is a 2x2 table in disguise.
    expect(
      cramersV(
        contingencyFromCounts([
          [40, 0, 10],
          [10, 0, 40],
        ]),
      )?.plain,
    ).toBeCloseTo(0.6, 12);
  });
});

describe('normalised mutual information (arithmetic mean of entropies)', () => {
  it('2x2 [[40,10],[10,40]]: MI = 0.8 ln 1.6 + 0.2 ln 0.4, H = ln 2 on both sides', () => {
    const nmi = normalisedMutualInformation(
      contingencyFromCounts([
        [40, 10],
        [10, 40],
      ]),
    );
    expect(nmi).toBeCloseTo((0.8 * Math.log(1.6) + 0.2 * Math.log(0.4)) / Math.log(2), 12); // 0.278072
  });

  it('unequal margins: normalised by (H(X) + H(Y)) / 2', () => {
    // MI = H(Y) - H(Y|X): the first two rows are pure, the third is a 50/50 split.
    const hy = Math.log(2);
    const hx = -(0.3 * Math.log(0.3) * 2 + 0.4 * Math.log(0.4));
    const hyGivenX = 0.4 * Math.log(2); // rows 1-2 are pure, row 3 is 50/50
    const nmi = normalisedMutualInformation(
      contingencyFromCounts([
        [30, 0],
        [0, 30],
        [20, 20],
      ]),
    );
    expect(nmi).toBeCloseTo((hy - hyGivenX) / ((hx + hy) / 2), 12);
  });

  it('is 1 for a bijection, 0 for independence, null for a single level', () => {
    expect(
      normalisedMutualInformation(
        contingencyFromCounts([
          [0, 30, 0],
          [20, 0, 0],
          [0, 0, 50],
        ]),
      ),
    ).toBeCloseTo(1, 12);
    expect(
      normalisedMutualInformation(
        contingencyFromCounts([
          [25, 25],
          [25, 25],
        ]),
      ),
    ).toBe(0);
    expect(normalisedMutualInformation(contingencyFromCounts([[10, 20]]))).toBeNull();
  });
});

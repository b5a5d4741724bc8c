import { describe, expect, it } from 'vitest';
import { audit, tableFromColumns } from '../../../packages/fairness/src/index.ts';
import {
  CHART_METRICS,
  chartSeries,
  disparityRows,
  FOUR_FIFTHS,
  heatColor,
  heatRows,
  intersection,
  singleAttributes,
} from '../../src/logic/report-view.ts';

/** A real engine result: 3 groups of sex x 2 of age, with group c small. */
function result() {
  const sex: string[] = [];
  const age: string[] = [];
  const label: string[] = [];
  const prediction: string[] = [];
  const add = (s: string, a: string, n: number, selectedEvery: number) => {
    for (let i = 0; i < n; i++) {
      sex.push(s);
      age.push(a);
      label.push(i % 2 === 0 ? '1' : '0');
      prediction.push(i % selectedEvery === 0 ? '1' : '0');
    }
  };
  add('a', 'young', 200, 2);
  add('a', 'old', 200, 2);
  add('b', 'young', 150, 4);
  add('b', 'old', 150, 3);
  add('c', 'old', 10, 2);
  return audit(tableFromColumns({ sex, age, label, prediction }), {
    label: 'label',
    labelPositive: ['1'],
    prediction: 'prediction',
    predictionPositive: ['1'],
    sensitive: ['sex', 'age'],
    minGroupSize: 30,
  });
}

describe('report view', () => {
  const r = result();
  const sex = singleAttributes(r).find((a) => a.name === 'sex')!;

  it('splits single attributes from the intersection', () => {
    expect(singleAttributes(r).map((a) => a.name)).toEqual(['sex', 'age']);
    expect(intersection(r)?.columns).toEqual(['sex', 'age']);
  });

  it('charts every group of a rate with its interval, and draws the four-fifths line at 4/5 of the most-selected eligible group', () => {
    const series = chartSeries(sex, 'selection_rate');
    expect(series.labels).toEqual(sex.groups.map((g) => g.key));
    series.labels.forEach((key, i) => {
      const e = sex.groups.find((g) => g.key === key)!.rates.selection_rate;
      expect(series.values[i]).toBe(e.value);
      if (e.value !== null) expect(series.intervals[i]![0]).toBeLessThanOrEqual(e.value);
    });
    // Group c (10 people) is small: it never sets the comparison rate.
    expect(series.small[series.labels.indexOf('c')]).toBe(true);
    expect(series.fourFifthsOf).toBe('a');
    expect(series.fourFifths).toBeCloseTo(0.5 * FOUR_FIFTHS, 10);
  });

  it('anchors the other rates at the reference group', () => {
    const series = chartSeries(sex, 'tpr');
    expect(series.fourFifthsOf).toBe(sex.reference.group);
  });

  it("lists the engine's comparisons for the charted rates with their significance and small-group flags", () => {
    const rows = disparityRows(sex);
    const charted = new Set(CHART_METRICS.map((m) => m.metric));
    expect(rows.length).toBe(sex.comparisons.filter((c) => charted.has(c.metric)).length);
    const b = rows.find((x) => x.metric === 'selection_rate' && x.group === 'b')!;
    expect(b.difference).toBeCloseTo(b.groupRate! - b.referenceRate!, 10);
    expect(b.significant).toBe(true);
    expect(rows.find((x) => x.group === 'c')!.small).toBe(true);
  });

  it("gives each intersectional group its rates relative to everyone's", () => {
    const crossed = intersection(r)!;
    const rows = heatRows(crossed, r.overall);
    expect(rows.map((x) => x.key)).toEqual(crossed.groups.map((g) => g.key));
    const first = rows[0];
    expect(first.cells[0].relative).toBeCloseTo(first.cells[0].value! / r.overall.rates.selection_rate.value!, 10);
  });

  it('shades parity white, below blue, above orange, undefined grey', () => {
    expect(heatColor(1)).toBe('rgb(255, 255, 255)');
    expect(heatColor(0.5)).toBe('rgb(156, 192, 240)');
    expect(heatColor(2)).toMatch(/^rgb\(249, /);
    expect(heatColor(null)).toBe('#eeeeee');
    // Saturates at half and double.
    expect(heatColor(0.1)).toBe(heatColor(0.5));
  });
});

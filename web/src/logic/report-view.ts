import type { AttributeReport, AuditResult, Estimate, GroupReport, RateName } from './types.ts';

/** The four rates the report charts, with the names a reader knows them by. */
export const CHART_METRICS: readonly { metric: RateName; title: string }[] = [
  { metric: 'selection_rate', title: 'Selection rate' },
  { metric: 'tpr', title: 'True-positive rate (TPR)' },
  { metric: 'fpr', title: 'False-positive rate (FPR)' },
  { metric: 'ppv', title: 'Precision (PPV)' },
];

export const FOUR_FIFTHS = 0.8;

export interface ChartSeries {
  readonly labels: string[];
  readonly values: (number | null)[];
  readonly intervals: ([number, number] | null)[];
  readonly small: boolean[];
  /** 4/5 of the comparison rate: the highest eligible selection rate, or the reference group's rate. */
  readonly fourFifths: number | null;
  readonly fourFifthsOf: string | null;
}

const valueOf = (e: Estimate): number | null => e.value;

function eligible(groups: readonly GroupReport[], metric: RateName): GroupReport[] {
  return groups.filter((g) => !g.small && g.rates[metric].value !== null && !g.rates[metric].smallCell);
}

export function chartSeries(attribute: AttributeReport, metric: RateName): ChartSeries {
  const groups = attribute.groups;
  let anchor: GroupReport | undefined;
  if (metric === 'selection_rate') {
    // The four-fifths rule compares every group with the group selected most often (EEOC).
    anchor = eligible(groups, metric).sort((a, b) => valueOf(b.rates[metric])! - valueOf(a.rates[metric])!)[0];
  } else {
    anchor = groups.find((g) => g.key === attribute.reference.group);
  }
  const anchorValue = anchor === undefined ? null : valueOf(anchor.rates[metric]);
  return {
    labels: groups.map((g) => g.key),
    values: groups.map((g) => valueOf(g.rates[metric])),
    intervals: groups.map((g) =>
      g.rates[metric].value === null ? null : (g.rates[metric] as { interval: [number, number] }).interval,
    ),
    small: groups.map((g) => g.small),
    fourFifths: anchorValue === null ? null : anchorValue * FOUR_FIFTHS,
    fourFifthsOf: anchorValue === null ? null : anchor!.key,
  };
}

export interface DisparityRow {
  readonly metric: RateName;
  readonly group: string;
  readonly reference: string;
  readonly groupRate: number | null;
  readonly referenceRate: number | null;
  readonly difference: number | null;
  readonly ratio: number | null;
  readonly pAdjusted: number | null;
  readonly significant: boolean;
  readonly small: boolean;
}

export function disparityRows(attribute: AttributeReport): DisparityRow[] {
  const rate = (key: string, metric: RateName) =>
    attribute.groups.find((g) => g.key === key)?.rates[metric].value ?? null;
  const shown = new Set(CHART_METRICS.map((m) => m.metric));
  return attribute.comparisons
    .filter((c) => shown.has(c.metric))
    .map((c) => ({
      metric: c.metric,
      group: c.group,
      reference: c.reference,
      groupRate: rate(c.group, c.metric),
      referenceRate: rate(c.reference, c.metric),
      difference: c.difference.value,
      ratio: c.ratio.value,
      pAdjusted: c.test?.pAdjusted ?? null,
      significant: c.test?.significant ?? false,
      small: c.smallCell || (attribute.groups.find((g) => g.key === c.group)?.small ?? false),
    }));
}

export interface HeatCell {
  readonly value: number | null;
  /** The group's rate over the overall rate; null when either is undefined or the overall is 0. */
  readonly relative: number | null;
}

export interface HeatRow {
  readonly key: string;
  readonly rows: number;
  readonly small: boolean;
  readonly cells: HeatCell[];
}

/** The intersectional attribute (all sensitive columns crossed), when the audit has one. */
export function intersection(result: AuditResult): AttributeReport | undefined {
  return result.attributes.find((a) => a.columns.length > 1);
}

export function heatRows(attribute: AttributeReport, overall: GroupReport): HeatRow[] {
  return attribute.groups.map((g) => ({
    key: g.key,
    rows: g.rows,
    small: g.small,
    cells: CHART_METRICS.map(({ metric }) => {
      const value = g.rates[metric].value;
      const base = overall.rates[metric].value;
      return { value, relative: value === null || base === null || base === 0 ? null : value / base };
    }),
  }));
}

/**
 * A cell's background for its relative rate: white at parity, towards blue below and towards
 * orange above, saturating at half and double. Text stays dark on every shade (contrast ≥ 4.5:1).
 */
export function heatColor(relative: number | null): string {
  if (relative === null) return '#eeeeee';
  const strength = Math.min(1, Math.abs(Math.log2(relative)));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * strength * 0.6);
  return relative < 1
    ? `rgb(${mix(255, 90)}, ${mix(255, 150)}, ${mix(255, 230)})`
    : `rgb(${mix(255, 245)}, ${mix(255, 160)}, ${mix(255, 60)})`;
}

/** Attributes shown one by one (single columns), the intersection separately. */
export function singleAttributes(result: AuditResult): AttributeReport[] {
  return result.attributes.filter((a) => a.columns.length === 1);
}

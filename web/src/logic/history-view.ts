import type { FairnessHistory } from '../../../packages/contracts/src/models.ts';

/** The last `days` days up to `now`, as the history endpoint's from/to. */
export function historyRange(now: number, days: number): { from: string; to: string } {
  return { from: new Date(now - days * 86_400_000).toISOString(), to: new Date(now).toISOString() };
}

export interface HistoryLine {
  readonly metric: string;
  readonly threshold: number;
  readonly breach: 'above' | 'below';
  readonly values: (number | null)[];
  /** Points where the metric breached its threshold. */
  readonly breaches: number;
}

/** One line per policy metric over the points; values are null where the window had too little data. */
export function historyLines(history: FairnessHistory): { labels: string[]; lines: HistoryLine[] } {
  const labels = history.points.map((p) => p.at.slice(5, 16).replace('T', ' '));
  const lines = history.thresholds.map(({ metric, threshold, breach }) => {
    const values = history.points.map((p) => p.metrics.find((m) => m.metric === metric)?.value ?? null);
    const breaches = values.filter((v) => v !== null && (breach === 'above' ? v > threshold : v < threshold)).length;
    return { metric, threshold, breach, values, breaches };
  });
  return { labels, lines };
}

/** One line on how a pushdown report was counted: the engine, the groups, how scores were grouped. */
import type { CountsReport } from '@ethixai/pushdown';

const number = (n: number) => n.toLocaleString('en-US');

export function countedText(report: CountsReport): string {
  const p = report.provenance.pushdown;
  const parts = [
    `counted ${number(report.provenance.rowCount)} rows in ${p.engine}, ${number(p.resultRows)} groups returned`,
  ];
  const s = p.scores;
  if (s !== null) {
    if (s.exact)
      parts.push(
        s.mode === 'exact'
          ? 'AUC from distinct scores (exact)'
          : `AUC exact: each of ${number(s.bins!)} score bins holds one distinct score`,
      );
    else
      parts.push(
        `AUC from ${number(s.bins!)} score bins of width ${s.width!.toPrecision(3)}, error at most ${s.aucErrorBound.toPrecision(2)}`,
      );
  }
  if (p.sample !== null)
    parts.push(`drivers and proxies from a sample: ${p.sample.method}, ${number(p.sample.rows)} rows`);
  return parts.join('; ');
}

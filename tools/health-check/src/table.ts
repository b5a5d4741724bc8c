import type { CheckResult } from './checks.ts';

/** A plain-text table (check | status | detail) and the closing verdict line. */
export function renderReport(results: readonly CheckResult[]): string {
  const rows = [['CHECK', 'STATUS', 'DETAIL'], ...results.map((r) => [r.check, r.ok ? 'ok' : 'FAIL', r.detail])];
  const widths = [0, 1].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) => `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}`);
  const failed = results.filter((r) => !r.ok).map((r) => r.check);
  lines.push(
    '',
    failed.length === 0 ? `healthy: all ${results.length} checks passed` : `unhealthy: ${failed.join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

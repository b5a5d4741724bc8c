/** The plain-text summary of a run printed after it (markdown table, readable in a terminal and a PR comment). */
import type { RunResult } from './result.ts';

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');

export function summaryTable(run: RunResult): string {
  const lines = [
    `### ${run.scenario.name}: ${run.failures.length === 0 ? 'passed' : 'FAILED'}`,
    '',
    `${run.requests.sent} requests in ${f(run.wallSeconds)} s; server CPU per request ${run.cpuUsPerRequest === null ? '—' : `${f(run.cpuUsPerRequest, 0)} µs`}; load average ${run.environment.loadAverage.start.map((l) => l.toFixed(1)).join(' ')}`,
    '',
    '| endpoint | requests | resp/s | p50 ms | p95 ms | p99 ms | max ms | statuses | unexpected |',
    '|---|---|---|---|---|---|---|---|---|',
    ...Object.entries(run.endpoints).map(([n, e]) => `| ${n} | ${e.count} | ${f(e.throughput)} | ${f(e.latencyMs.p50, 2)} | ${f(e.latencyMs.p95, 2)} | ${f(e.latencyMs.p99, 2)} | ${f(e.latencyMs.max, 2)} | ${Object.entries(e.statuses).map(([s, c]) => `${s}: ${c}`).join(', ')}${Object.keys(e.errors).length ? `; errors: ${Object.entries(e.errors).map(([m, c]) => `${m}: ${c}`).join(', ')}` : ''} | ${e.unexpected} |`),
  ];
  if (Object.keys(run.servers).length > 0) {
    lines.push('', '| service | CPU s | peak RSS MB |', '|---|---|---|', ...Object.entries(run.servers).map(([n, s]) => `| ${n} | ${f(s.cpuSeconds, 2)} | ${f(s.peakRssMb)} |`));
  }
  if (run.memory) {
    lines.push('', '| service | series | growth per hour ± SE | bound | |', '|---|---|---|---|---|');
    for (const m of run.memory) for (const v of m.verdicts) lines.push(`| ${m.service} | ${v.series} | ${f(v.trend.slopePerHour, 2)} ± ${f(v.trend.slopeStdErrPerHour, 2)} | ${v.boundPerHour} | ${v.grew ? 'GROWS' : 'bounded'} |`);
  }
  for (const fail of run.failures) lines.push(`- ${fail}`);
  return lines.join('\n');
}

/** The gate's summary as markdown (printed, written for the pull-request comment) and JSON. */
import type { Commits } from './commits.ts';
import { TOLERANCE, type GateVerdict, type TrialMeasurement } from './verdict.ts';

export interface GateReport {
  commits: Commits;
  startedAt: string;
  loadAverage: number[][];
  install: string;
  verdict: GateVerdict;
  trials: { reference: TrialMeasurement[]; candidate: TrialMeasurement[] };
}

const f = (n: number, d = 3) => (Number.isFinite(n) ? n.toFixed(d) : '—');

export function gateMarkdown(r: GateReport): string {
  const v = r.verdict;
  const lines = [
    `## Performance gate: ${v.passed ? 'passed' : 'FAILED'}`,
    '',
    `candidate \`${r.commits.candidate}\`${r.commits.dirty ? ' (with uncommitted changes)' : ''} vs reference \`${r.commits.reference}\` (${r.commits.referenceSource}); ${v.trials} alternating trials; load average ${r.loadAverage[0].map((l) => l.toFixed(1)).join(' ')} at start`,
    '',
    '| measure | candidate / reference, median | each trial | tolerance |',
    '|---|---|---|---|',
    `| server CPU per request | ${f(v.cpuRatio.median)} | ${v.cpuRatio.each.map((x) => f(x)).join(', ')} | ≤ ${f(1 + TOLERANCE.cpuPerRequest, 2)} |`,
    ...Object.entries(v.p95Ratio).map(
      ([e, p]) =>
        `| p95 ${e} | ${f(p.median)} (${p.medianDeltaMs >= 0 ? '+' : ''}${f(p.medianDeltaMs, 1)} ms) | ${p.each.map((x) => f(x)).join(', ')} | ${v.p95Gated ? `≤ ${f(1 + TOLERANCE.p95, 2)} or ≤ +${TOLERANCE.p95SlackMs} ms` : 'reported only (ETHIXAI_PERF_GATE_P95 unset)'} |`,
    ),
    '',
    '| trial | reference CPU µs/req | candidate CPU µs/req |',
    '|---|---|---|',
    ...r.trials.reference.map(
      (t, i) => `| ${i + 1} | ${f(t.cpuUsPerRequest, 0)} | ${f(r.trials.candidate[i].cpuUsPerRequest, 0)} |`,
    ),
  ];
  for (const fail of v.failures) lines.push(`- ${fail}`);
  return lines.join('\n');
}

/** The plain-text summary of a run printed after it (markdown table, readable in a terminal and a PR comment). */
import type { RunResult } from './result.ts';

/** `highest`: the last step before the first miss (conservative); `highestMet`: the highest step that met the bound at all (a miss below it was a passing disturbance, as on a shared machine). */
export interface Capacity {
  percentile: 'p95' | 'p99';
  maxMs: number;
  steps: { phase: string; ms: number; unexpected: number; met: boolean }[];
  highest: string | null;
  highestMet: string | null;
}

/** For a capacity scenario: each step's latency against the bound, and the highest step that met it. */
export function capacityOf(run: RunResult): Capacity | undefined {
  if (run.scenario.kind !== 'open-loop' || !run.scenario.capacity) return undefined;
  const { percentile, maxMs } = run.scenario.capacity;
  const steps = run.scenario.phases.map((p) => {
    const stats = run.phases[p.name];
    const ms = stats ? stats.latencyMs[percentile] : Number.NaN;
    return {
      phase: p.name,
      ms,
      unexpected: stats?.unexpected ?? 0,
      met: Number.isFinite(ms) && ms <= maxMs && (stats?.unexpected ?? 1) === 0,
    };
  });
  // Steps rise: the capacity is the last step before the first one that missed.
  const firstMiss = steps.findIndex((s) => !s.met);
  const highest = firstMiss === -1 ? steps.at(-1)!.phase : firstMiss === 0 ? null : steps[firstMiss - 1].phase;
  const highestMet = steps.filter((s) => s.met).at(-1)?.phase ?? null;
  return { percentile, maxMs, steps, highest, highestMet };
}

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');

export function summaryTable(run: RunResult): string {
  const lines = [
    `### ${run.scenario.name}: ${run.failures.length === 0 ? 'passed' : 'FAILED'}`,
    '',
    `${run.requests.sent} requests in ${f(run.wallSeconds)} s; server CPU per request ${run.cpuUsPerRequest === null ? '—' : `${f(run.cpuUsPerRequest, 0)} µs`}; load average ${run.environment.loadAverage.start.map((l) => l.toFixed(1)).join(' ')}`,
    '',
    '| endpoint | requests | resp/s | p50 ms | p95 ms | p99 ms | max ms | statuses | unexpected |',
    '|---|---|---|---|---|---|---|---|---|',
    ...Object.entries(run.endpoints).map(
      ([n, e]) =>
        `| ${n} | ${e.count} | ${f(e.throughput)} | ${f(e.latencyMs.p50, 2)} | ${f(e.latencyMs.p95, 2)} | ${f(e.latencyMs.p99, 2)} | ${f(e.latencyMs.max, 2)} | ${Object.entries(
          e.statuses,
        )
          .map(([s, c]) => `${s}: ${c}`)
          .join(', ')}${
          Object.keys(e.errors).length
            ? `; errors: ${Object.entries(e.errors)
                .map(([m, c]) => `${m}: ${c}`)
                .join(', ')}`
            : ''
        } | ${e.unexpected} |`,
    ),
  ];
  if (Object.keys(run.servers).length > 0) {
    lines.push(
      '',
      '| service | CPU s | peak RSS MB |',
      '|---|---|---|',
      ...Object.entries(run.servers).map(([n, s]) => `| ${n} | ${f(s.cpuSeconds, 2)} | ${f(s.peakRssMb)} |`),
    );
  }
  if (run.memory) {
    lines.push('', '| service | series | growth per hour ± SE | bound | |', '|---|---|---|---|---|');
    for (const m of run.memory)
      for (const v of m.verdicts)
        lines.push(
          `| ${m.service} | ${v.series} | ${f(v.trend.slopePerHour, 2)} ± ${f(v.trend.slopeStdErrPerHour, 2)} | ${v.boundPerHour} | ${v.grew ? 'GROWS' : 'bounded'} |`,
        );
  }
  const capacity = capacityOf(run);
  const phases = Object.entries(run.phases);
  if (!capacity && phases.length > 1) {
    lines.push('', '| phase | requests | p50 ms | p95 ms | p99 ms | unexpected |', '|---|---|---|---|---|---|');
    for (const [name, p] of phases)
      lines.push(
        `| ${name} | ${p.count} | ${f(p.latencyMs.p50, 2)} | ${f(p.latencyMs.p95, 2)} | ${f(p.latencyMs.p99, 2)} | ${p.unexpected} |`,
      );
  }
  if (capacity) {
    lines.push(
      '',
      `| step | ${capacity.percentile} ms | unexpected | within ${capacity.maxMs} ms |`,
      '|---|---|---|---|',
    );
    for (const s of capacity.steps)
      lines.push(`| ${s.phase} | ${f(s.ms, 1)} | ${s.unexpected} | ${s.met ? 'yes' : 'no'} |`);
    lines.push(
      '',
      `capacity: ${capacity.highest ?? 'no step'} (every step up to it met ${capacity.percentile} ≤ ${capacity.maxMs} ms with every answer expected); highest step that met it: ${capacity.highestMet ?? 'none'}`,
    );
  }
  for (const fail of run.failures) lines.push(`- ${fail}`);
  return lines.join('\n');
}

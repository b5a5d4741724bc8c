/**
 * The last recorded baseline: a compact summary of stress runs, committed as
 * docs/performance/stress-baseline.json (`npm run stress -- record RESULT.json...`), from which
 * `npm run generate` renders the README's badges (docs/badges/*.svg) and the baseline section of
 * docs/performance.md. Nothing is measured here: every figure comes from a recorded run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from './result.ts';
import { checkSlos, loadSloFile } from './slo.ts';
import { REPO_ROOT } from './stack.ts';

export const BASELINE_FILE = join(REPO_ROOT, 'docs/performance/stress-baseline.json');
export const DEFAULT_SLO_FILE = join(REPO_ROOT, 'tools/stress/slo/default.json');

export interface BaselineRun {
  scenario: string;
  description: string;
  startedAt: string;
  commit: string;
  node: string;
  cpus: string;
  loadAverage: number[];
  target: string;
  requests: number;
  unexpected: number;
  cpuUsPerRequest: number | null;
  endpoints: Record<
    string,
    { count: number; throughput: number; p50: number; p95: number; p99: number; unexpected: number }
  >;
  peakRssMb: Record<string, number>;
  slo: { met: number; checked: number; violated: string[] };
}

const r2 = (n: number) => Math.round(n * 100) / 100;

export function summariseRun(run: RunResult, sloFile = DEFAULT_SLO_FILE): BaselineRun {
  const checks = checkSlos(run, loadSloFile(sloFile));
  return {
    scenario: run.scenario.name,
    description: run.scenario.description,
    startedAt: run.startedAt,
    commit: run.environment.commit,
    node: run.environment.node,
    cpus: run.environment.cpus,
    loadAverage: run.environment.loadAverage.start.map((l) => Math.round(l * 10) / 10),
    target: run.environment.target.replaceAll(REPO_ROOT, 'the checkout'),
    requests: run.requests.sent,
    unexpected: run.requests.unexpected,
    cpuUsPerRequest: run.cpuUsPerRequest === null ? null : Math.round(run.cpuUsPerRequest),
    endpoints: Object.fromEntries(
      Object.entries(run.endpoints).map(([n, e]) => [
        n,
        {
          count: e.count,
          throughput: r2(e.throughput),
          p50: e.latencyMs.p50,
          p95: e.latencyMs.p95,
          p99: e.latencyMs.p99,
          unexpected: e.unexpected,
        },
      ]),
    ),
    peakRssMb: Object.fromEntries(Object.entries(run.servers).map(([n, s]) => [n, Math.round(s.peakRssMb)])),
    slo: {
      met: checks.filter((c) => c.met).length,
      checked: checks.length,
      violated: checks
        .filter((c) => !c.met)
        .map(
          (c) =>
            `${c.objective}: ${c.endpoint} ${c.metric} ${c.metric.endsWith('Ms') ? `${c.value} ms` : `${(100 * c.value).toFixed(2)} %`} > ${c.metric.endsWith('Ms') ? `${c.max} ms` : `${(100 * c.max).toFixed(2)} %`}`,
        ),
    },
  };
}

export function readBaseline(file = BASELINE_FILE): BaselineRun[] {
  return JSON.parse(readFileSync(file, 'utf8')) as BaselineRun[];
}

/**
 * The generated parts of the recorded baseline: the badges under docs/badges and the section of
 * docs/performance.md between the stress-baseline markers (the rest of that page is prose).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_FILE, readBaseline, type BaselineRun } from './baseline.ts';
import { baselineBadges } from './badges.ts';
import { REPO_ROOT } from './stack.ts';

export const BADGE_DIR = join(REPO_ROOT, 'docs/badges');
export const PERFORMANCE_DOC = join(REPO_ROOT, 'docs/performance.md');
/** The run the README badges show. */
export const BADGE_SCENARIO = 'realistic-50';
const START =
  '<!-- stress-baseline:start (generated from docs/performance/stress-baseline.json by npm run generate; do not edit by hand) -->';
const END = '<!-- stress-baseline:end -->';

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');

function runSection(r: BaselineRun): string {
  const rows = Object.entries(r.endpoints).map(
    ([n, e]) =>
      `| ${n} | ${e.count} | ${f(e.throughput)} | ${f(e.p50, 2)} | ${f(e.p95, 2)} | ${f(e.p99, 2)} | ${e.unexpected} |`,
  );
  return [
    `### ${r.scenario}`,
    '',
    `${r.description}`,
    '',
    `Run ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC at commit \`${r.commit.slice(0, 12)}\`; Node ${r.node}, ${r.cpus}, load average ${r.loadAverage.join(' ')} at the start (other work on the machine). Target: ${r.target}.`,
    `${r.requests} requests, ${r.unexpected} answers the scenario did not expect; server CPU per request (both services, /proc) ${r.cpuUsPerRequest ?? '—'} µs; peak RSS ${Object.entries(
      r.peakRssMb,
    )
      .map(([n, mb]) => `${n} ${mb} MB`)
      .join(', ')}.`,
    `SLOs (tools/stress/slo/default.json): ${r.slo.met} of ${r.slo.checked} checks met${r.slo.violated.length ? `; violated: ${r.slo.violated.join('; ')}` : ''}.`,
    '',
    '| endpoint | requests | responses/s | p50 ms | p95 ms | p99 ms | unexpected |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function renderBaselineSection(runs: BaselineRun[]): string {
  return [
    START,
    '',
    `Recorded with \`npm run stress -- <scenario>\` and \`npm run stress -- record stress-results/<scenario>.json\`; latencies are client-side, from each request's due time (open loop).`,
    '',
    ...runs.map(runSection).flatMap((s) => [s, '']),
    END,
  ].join('\n');
}

/** docs/performance.md with its baseline section replaced (or appended, the first time). */
export function renderPerformanceDoc(current: string, runs: BaselineRun[]): string {
  const section = renderBaselineSection(runs);
  const a = current.indexOf(START);
  const b = current.indexOf(END);
  if (a === -1 || b === -1) return `${current.trimEnd()}\n\n## Stress baseline\n\n${section}\n`;
  return `${current.slice(0, a)}${section}${current.slice(b + END.length)}`;
}

/** Every generated file of the baseline, path → content. */
export function baselineArtefacts(): Record<string, string> {
  if (!existsSync(BASELINE_FILE)) return {};
  const runs = readBaseline();
  const out: Record<string, string> = {};
  for (const [name, svg] of Object.entries(baselineBadges(runs, BADGE_SCENARIO))) out[join(BADGE_DIR, name)] = svg;
  out[PERFORMANCE_DOC] = renderPerformanceDoc(readFileSync(PERFORMANCE_DOC, 'utf8'), runs);
  return out;
}

export function writeBaselineArtefacts(): string[] {
  const files = baselineArtefacts();
  mkdirSync(BADGE_DIR, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(file, text);
  return Object.keys(files);
}

/**
 * Runs one scenario against a stack: fixtures, warm-up, metrics scraped before, the load (open
 * loop on the scenario's schedule, or the saturation ramp), server usage sampled throughout,
 * metrics scraped after; then the failures the scenario defines for itself.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { openLoop } from '@ethixai/bench/loadgen';
import { buildRequest, type EndpointName } from './endpoints.ts';
import { createFixtures, type Fixtures } from './fixtures.ts';
import { MemoryWatcher } from './memory-watch.ts';
import { metricsDelta, scrape, type MetricsDelta, type Samples } from './metrics-scrape.ts';
import { weightedSequence } from './mix.ts';
import { Recorder } from './recorder.ts';
import type { RunResult } from './result.ts';
import { runSaturation } from './run-saturation.ts';
import type { OpenLoopScenario, Scenario } from './scenario.ts';
import { buildSchedule, offeredAt } from './schedule.ts';
import type { LiveMetrics } from './live-metrics.ts';
import { ServerSampler } from './server-sampler.ts';
import { REPO_ROOT, type Stack } from './stack.ts';

export interface RunOptions {
  metricsTokenFile?: string;
  /** Rate limit of the run's API key (default: far above any scenario's rate). */
  apiKeyPerMinute?: number;
  log?: (line: string) => void;
  /** Exposes the run as Prometheus metrics while it runs (the CLI's --metrics-port). */
  live?: LiveMetrics;
}

/** How often the offered rate and phase are refreshed: several times per scrape at 1-5 s intervals. */
const LIVE_TICK_MS = 250;

function commitOf(root: string): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** A unique index per request across warm-up and measured traffic (decision and upload ids). */
let requestSerial = 0;

export async function drive(
  stack: Stack,
  fixtures: Fixtures,
  scenario: OpenLoopScenario,
  phases: OpenLoopScenario['phases'],
  onOutcome?: (
    endpoint: EndpointName,
    o: Parameters<Parameters<typeof openLoop>[1]['onOutcome']>[0],
    phase: string,
  ) => void,
  live?: LiveMetrics,
): Promise<number> {
  const schedule = buildSchedule(phases);
  const sequence = weightedSequence(scenario.mix.map((m) => m.weight));
  const endpointOf = (i: number) => scenario.mix[sequence[i % sequence.length]].endpoint;
  const started = performance.now();
  const tick = () => {
    const now = offeredAt(phases, (performance.now() - started) / 1000);
    // Past the last phase the generator only waits for answers: the last phase stays marked.
    if (now) live?.setPhase(now.phase, { offeredRate: now.rate });
    else live?.setPhase(phases.at(-1)!.name, { offeredRate: 0 });
  };
  tick();
  const ticker = live ? setInterval(tick, LIVE_TICK_MS) : undefined;
  try {
    const { wallSeconds } = await openLoop(
      stack.backends.map((b) => b.url),
      {
        count: schedule.count,
        dueMs: schedule.dueMs,
        requestTimeoutMs: scenario.requestTimeoutMs,
        connections: scenario.connections,
        request: (i) => {
          live?.sent();
          return buildRequest(endpointOf(i), fixtures, requestSerial++);
        },
        onOutcome: (o) => {
          live?.record(endpointOf(o.index), o, { wasSent: true });
          onOutcome?.(endpointOf(o.index), o, phases[schedule.phaseOf(o.index)].name);
        },
      },
    );
    return wallSeconds;
  } finally {
    clearInterval(ticker);
  }
}

async function scrapeAll(stack: Stack, tokenFile?: string): Promise<Record<string, Samples>> {
  const out: Record<string, Samples> = {};
  for (const s of [...stack.backends, ...stack.aiCores]) out[s.name] = await scrape(s, tokenFile);
  return out;
}

/** The phases the live metrics name: the warm-up, then the scenario's phases or saturation steps. */
export function livePhases(scenario: Scenario): string[] {
  if (scenario.kind === 'saturation') return scenario.steps.map((s) => `c=${s.connections}`);
  return [...(scenario.warmupSeconds > 0 ? ['warm-up'] : []), ...scenario.phases.map((p) => p.name)];
}

export async function runScenario(stack: Stack, scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
  const live = options.live;
  live?.beginRun({
    scenario: scenario.name,
    kind: scenario.kind,
    commit: commitOf(REPO_ROOT).slice(0, 12),
    phases: livePhases(scenario),
    expectations:
      scenario.kind === 'open-loop'
        ? Object.fromEntries(scenario.mix.map((m) => [m.endpoint, m.expect]))
        : { [scenario.endpoint]: scenario.expect },
  });
  try {
    return await measure(stack, scenario, options);
  } finally {
    live?.endRun();
  }
}

async function measure(stack: Stack, scenario: Scenario, options: RunOptions): Promise<RunResult> {
  const live = options.live;
  const log = options.log ?? (() => {});
  const startLoad = loadavg();
  log(`${scenario.name}: fixtures`);
  const fixtures = await createFixtures(stack.backend.url, stack.login, { apiKeyPerMinute: options.apiKeyPerMinute });
  const expectations: Record<string, number[]> =
    scenario.kind === 'open-loop'
      ? Object.fromEntries(scenario.mix.map((m) => [m.endpoint, m.expect]))
      : Object.fromEntries(scenario.steps.map((s) => [`${scenario.endpoint} c=${s.connections}`, scenario.expect]));
  if (scenario.kind === 'open-loop' && scenario.warmupSeconds > 0) {
    log(`${scenario.name}: warm-up ${scenario.warmupSeconds} s`);
    const first = scenario.phases[0];
    await drive(
      stack,
      fixtures,
      scenario,
      [{ name: 'warm-up', seconds: scenario.warmupSeconds, rate: 'rate' in first ? first.rate : first.from }],
      undefined,
      live,
    );
  }
  const tokenFile = options.metricsTokenFile ?? stack.metricsTokenFile;
  const before = await scrapeAll(stack, tokenFile);
  const sampler = new ServerSampler([...stack.backends, ...stack.aiCores]);
  const memory = scenario.kind === 'open-loop' && scenario.memory ? new MemoryWatcher(scenario.memory) : undefined;
  await memory?.start([...stack.backends, ...stack.aiCores]);
  const recorder = new Recorder(expectations);
  const startedAt = new Date();
  const loadStartMonotonicUs = Number(process.hrtime.bigint() / 1000n);
  sampler.start();
  log(`${scenario.name}: load`);
  let wallSeconds: number;
  let saturation: RunResult['saturation'];
  if (scenario.kind === 'open-loop') {
    wallSeconds = await drive(
      stack,
      fixtures,
      scenario,
      scenario.phases,
      (endpoint, o, phase) => recorder.record(endpoint, o, phase),
      live,
    );
  } else {
    const sat = await runSaturation(stack, fixtures, scenario, recorder, () => requestSerial++, live);
    wallSeconds = sat.wallSeconds;
    saturation = sat.steps;
  }
  const servers = sampler.stop();
  const memoryReports = await memory?.stop();
  const after = await scrapeAll(stack, tokenFile);
  const finishedAt = new Date();
  const { endpoints, timeline, phases } = recorder.finish(wallSeconds);
  if (saturation && scenario.kind === 'saturation') {
    for (const step of saturation) {
      const e = endpoints[`${scenario.endpoint} c=${step.connections}`];
      // Each step's own rate, not its responses spread over the whole ramp.
      e.throughput = step.throughput;
      Object.assign(step, { latencyMs: e.latencyMs, unexpected: e.unexpected, statuses: e.statuses });
    }
  }
  const metrics: Record<string, MetricsDelta> = Object.fromEntries(
    Object.keys(before).map((k) => [k, metricsDelta(before[k], after[k])]),
  );
  const answered = Object.values(endpoints).reduce(
    (a, e) => a + Object.values(e.statuses).reduce((x, y) => x + y, 0),
    0,
  );
  const serverCpu = Object.values(servers).reduce((a, s) => a + s.cpuSeconds, 0);
  const failures: string[] = [];
  for (const [name, e] of Object.entries(endpoints)) {
    if (e.unexpected === 0) continue;
    const odd = Object.entries(e.statuses)
      .filter(([s]) => !e.expect.includes(Number(s)))
      .map(([s, n]) => `${n}× ${s}`);
    const errs = Object.entries(e.errors).map(([m, n]) => `${n}× ${m}`);
    failures.push(
      `${name}: ${e.unexpected} of ${e.count} answers not expected (expected ${e.expect.join('/')}; got ${[...odd, ...errs].join(', ')})`,
    );
  }
  for (const m of memoryReports ?? []) {
    for (const v of m.verdicts) {
      if (v.grew)
        failures.push(
          `${m.service}: ${v.series} grows ${v.trend.slopePerHour.toFixed(1)} ± ${v.trend.slopeStdErrPerHour.toFixed(1)} per hour, beyond the bound of ${v.boundPerHour} per hour`,
        );
    }
  }
  return {
    scenario,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    loadStartMonotonicUs,
    environment: {
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
      commit: commitOf(REPO_ROOT),
      loadAverage: { start: startLoad, end: loadavg() },
      target: stack.describe,
    },
    wallSeconds,
    requests: {
      sent: Object.values(endpoints).reduce((a, e) => a + e.count, 0),
      unexpected: Object.values(endpoints).reduce((a, e) => a + e.unexpected, 0),
    },
    endpoints,
    phases,
    timeline,
    servers,
    cpuUsPerRequest: Object.keys(servers).length > 0 && answered > 0 ? (serverCpu * 1e6) / answered : null,
    metrics,
    saturation,
    memory: memoryReports,
    failures,
  };
}

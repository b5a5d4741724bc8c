/**
 * npm run bench:observability — the overhead goal's bench: what metrics, logs and tracing cost on
 * the real request paths, relative to no observability.
 *
 * Five configurations of the whole stack, set only through the services' env knobs, each a pair of
 * real child processes (ai-core + backend, development profile, own SQLite file), started afresh
 * every round, --replicas (default 2) stacks per configuration, warmed on every path first:
 *   off            ETHIXAI_METRICS=false LOG_LEVEL=warn ETHIXAI_TRACING=false
 *   metrics        ETHIXAI_METRICS=true (prom-client)
 *   metrics+logs   + LOG_LEVEL=info (pino, one completion line per request)
 *   production     + ETHIXAI_TRACING=true OTEL_TRACES_SAMPLER_RATIO=0.1 (the OpenTelemetry SDK)
 *   tracing 100%   + OTEL_TRACES_SAMPLER_RATIO=1 (development default)
 * Tracing exports over OTLP/HTTP to a counting receiver in this process (one per stack).
 * Paths: POST /v1/evaluate (single decision, ~100 µs of CPU), POST /v1/analyses (backend → ai-core,
 * 1,000 rows inline), GET /v1/reports/:id (report reads); POST /v1/analyze (ai-core alone) on request.
 * Each round visits every path and, per path, every stack (order rotated each round): warm-up,
 * an open-loop run at a fixed offered rate (CPU per request, latency), a closed-loop
 * max-throughput run (loadgen.ts says why not autocannon); the fixed-rate and max runs are taken
 * in --slices N turns across the stacks (A B C D A B C D …), so that bursts of contention on this
 * shared machine hit every configuration alike. The fixed rate is half the max throughput of
 * "tracing 100%" measured once up front, so it stays below saturation for every configuration.
 * Cores: every service process on cpu0, the load generator and the OTLP receivers (this process)
 * on cpu1 (taskset). Reported: CPU µs per request and max throughput, as ratios to "off" paired
 * within each round; the goal (production costs ≤ 10 % of throughput on analyses) is judged.
 * Options: --quick (smoke run: 1 round of 1 s runs) | --rounds N --warmup S --duration S --calibrate S --stack-warmup S --slices N
 *          --replicas N (stacks per configuration and round, 2 to 4; their runs add up into one figure)
 *          --paths evaluate,analyses,reports,analyze --rate-<path> N --out FILE --profile DIR
 * Output: markdown tables on stdout, everything (every run) as JSON in tools/bench/out/.
 * Exit 1 if any response had an unexpected status or a connection error.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pin } from './evaluate-bench-support.ts';
import {
  combineSlices,
  definePaths,
  measure,
  type PathDef,
  type PathId,
  type RunMeasurement,
} from './observability-load.ts';
import { renderPath, summarisePath, type RoundRecord } from './observability-report.ts';
import {
  CONFIGS,
  profileServicesInto,
  serviceCpuSeconds,
  stopStack,
  withStacks,
  type ServiceName,
  type Stack,
} from './observability-stack.ts';
import { addTallies, type SpanTally } from './observability-span-tally.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    warmup: { type: 'string' },
    duration: { type: 'string' },
    calibrate: { type: 'string' },
    paths: { type: 'string' },
    'rate-analyses': { type: 'string' },
    'rate-analyze': { type: 'string' },
    'rate-evaluate': { type: 'string' },
    'rate-reports': { type: 'string' },
    out: { type: 'string' },
    profile: { type: 'string' },
    'stack-warmup': { type: 'string' },
    slices: { type: 'string' },
    replicas: { type: 'string' },
  },
});
const number = (value: string | undefined, quick: number, full: number) =>
  value === undefined ? (opt.quick ? quick : full) : Number(value);
const ROUNDS = number(opt.rounds, 1, 5);
const WARMUP = number(opt.warmup, 0.5, 2);
const DURATION = number(opt.duration, 1, 5);
const CALIBRATE = number(opt.calibrate, 1, 3);
const STACK_WARMUP = number(opt['stack-warmup'], 1, 6);
const SLICES = number(opt.slices, 1, 5);
const REPLICAS = number(opt.replicas, 2, 2);
const IDLE = opt.quick ? 1 : 5;
const PATHS = definePaths();
// The goal's paths by default; ai-core alone (analyze) on request.
const selected = (opt.paths ?? 'evaluate,analyses,reports').split(',').map((p) => {
  if (!(p in PATHS)) throw new Error(`--paths: unknown path "${p}" (evaluate, analyses, reports, analyze)`);
  return PATHS[p as PathId];
});
if (!(Number.isInteger(ROUNDS) && ROUNDS >= 1)) throw new Error(`--rounds must be a whole number >= 1, got ${ROUNDS}`);
if (!(Number.isInteger(SLICES) && SLICES >= 1)) throw new Error(`--slices must be a whole number >= 1, got ${SLICES}`);
// One process of a configuration can be a few % off another of the same for its whole life: at
// least two per configuration, so no figure rests on one process's luck.
if (!(Number.isInteger(REPLICAS) && REPLICAS >= 2 && REPLICAS <= 4))
  throw new Error(`--replicas must be a whole number from 2 to 4, got ${REPLICAS}`);
for (const [name, value] of Object.entries({
  warmup: WARMUP,
  duration: DURATION,
  calibrate: CALIBRATE,
  'stack-warmup': STACK_WARMUP,
})) {
  if (!(value > 0 && value <= 600)) throw new Error(`--${name} must be seconds in (0, 600], got ${value}`);
}

profileServicesInto(opt.profile === undefined ? undefined : resolve(opt.profile));
const log = (line: string) => process.stderr.write(`[obs-bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const sent = new Map<string, number>();

async function run(
  stack: Stack,
  path: PathDef,
  kind: RunMeasurement['kind'],
  seconds: number,
  rate?: number,
): Promise<RunMeasurement> {
  const m = await measure(stack, path, kind, seconds, rate);
  const key = `${path.id}/${stack.config.id}`;
  sent.set(key, (sent.get(key) ?? 0) + m.responses);
  return m;
}

/** Half of what the most expensive configuration sustains: below saturation for all of them. */
async function calibrate(stacks: Stack[], path: PathDef): Promise<{ rate: number; calibration: RunMeasurement }> {
  const heaviest = stacks[stacks.length - 1]!;
  const calibration = await run(heaviest, path, 'calibration', CALIBRATE);
  const given = opt[`rate-${path.id}`];
  const rate = given === undefined ? Math.max(10, Math.round(calibration.reqPerSec / 2 / 10) * 10) : Number(given);
  if (!(rate > 0)) throw new Error(`--rate-${path.id} must be a positive number, got ${given}`);
  return { rate, calibration };
}

/** What each idle stack burns per second (timers, pollers, collectors): every paced run pays it. */
async function idleCpu(
  stacks: Stack[],
  seconds: number,
): Promise<Array<{ config: string } & Record<ServiceName, number>>> {
  const before = stacks.map(
    (s) => [serviceCpuSeconds(s.services.backend), serviceCpuSeconds(s.services['ai-core'])] as const,
  );
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return stacks.map((s, i) => ({
    config: s.config.id,
    backend: ((serviceCpuSeconds(s.services.backend) - before[i]![0]) * 1000) / seconds,
    'ai-core': ((serviceCpuSeconds(s.services['ai-core']) - before[i]![1]) * 1000) / seconds,
  }));
}

function gitState(): { head: string; uncommittedInServicesOrPackages: string[] } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    return {
      head: git('rev-parse', 'HEAD'),
      uncommittedInServicesOrPackages: git('status', '--porcelain', 'services', 'packages').split('\n').filter(Boolean),
    };
  } catch {
    return { head: 'unknown', uncommittedInServicesOrPackages: [] };
  }
}

async function main(): Promise<void> {
  const started = new Date();
  const loadAtStart = loadavg();
  // The services are started from the working tree now: record which code that was.
  const git = gitState();
  if (pin.available) execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  log(`load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`);
  const records: RoundRecord[] = [];
  const rates = new Map<PathId, { rate: number; calibration: RunMeasurement }>();
  const spans = new Map<string, SpanTally>();
  let idle: Awaited<ReturnType<typeof idleCpu>> = [];
  // Fresh processes every round: a process's luck (JIT decisions, heap layout) moves its CPU per
  // request by several % for its whole life, so stacks kept for the whole run would pair the same
  // lucky or unlucky processes in every round. Each round is a new draw instead.
  for (let round = 1; round <= ROUNDS; round += 1) {
    const configs = Array.from({ length: REPLICAS }, () => CONFIGS).flat();
    log(`starting ${configs.length} stacks`);
    await withStacks(configs, 0, async (stacks) => {
      if (round === 1) {
        idle = await idleCpu(stacks, IDLE);
        log(
          `idle CPU (ms per second, backend + ai-core): ${idle.map((i) => `${i.config} ${i.backend.toFixed(1)} + ${i['ai-core'].toFixed(1)}`).join('; ')}`,
        );
      }
      // Warm every new process on every path first (JIT tiers, heap sizing), as a long-running service is.
      for (const path of selected) for (const stack of stacks) await run(stack, path, 'warmup', STACK_WARMUP);
      for (const path of selected) {
        if (!rates.has(path.id)) {
          rates.set(path.id, await calibrate(stacks, path));
          log(
            `${path.id}: fixed rate ${rates.get(path.id)!.rate} req/s (tracing 100% max ${Math.round(rates.get(path.id)!.calibration.reqPerSec)} req/s)`,
          );
        }
        const order = stacks.map((_, i) => stacks[(i + round - 1) % stacks.length]!);
        const warmups: RunMeasurement[] = [];
        for (const stack of order) warmups.push(await run(stack, path, 'warmup', WARMUP));
        // Each run is taken in SLICES turns across the stacks (A B C D A B C D …), so a burst of
        // contention from this shared machine's neighbours lands on every configuration alike.
        const paced = order.map((): RunMeasurement[] => []);
        const max = order.map((): RunMeasurement[] => []);
        for (let slice = 0; slice < SLICES; slice += 1) {
          for (const [i, stack] of order.entries())
            paced[i]!.push(await run(stack, path, 'paced', DURATION / SLICES, rates.get(path.id)!.rate));
        }
        for (let slice = 0; slice < SLICES; slice += 1) {
          for (const [i, stack] of order.entries()) max[i]!.push(await run(stack, path, 'max', DURATION / SLICES));
        }
        // A configuration's replicas count as one: their slices add up (CPU, requests, time).
        for (const config of CONFIGS) {
          const mine = [...order.keys()].filter((i) => order[i]!.config.id === config.id);
          const record = {
            round,
            path: path.id,
            config: config.id,
            position: mine[0]!,
            warmup: combineSlices(mine.map((i) => warmups[i]!)),
            paced: combineSlices(mine.flatMap((i) => paced[i]!)),
            max: combineSlices(mine.flatMap((i) => max[i]!)),
          };
          records.push(record);
          log(
            `round ${round}/${ROUNDS} ${path.id} ${config.id}: ${Math.round(record.paced.cpuUsPerReqTotal)} µs/req at ${rates.get(path.id)!.rate} req/s, max ${Math.round(record.max.reqPerSec)} req/s`,
          );
        }
      }
      // Graceful stop flushes every pending span to the receivers before the counts are read.
      await Promise.all(stacks.map(stopStack));
      for (const stack of stacks) {
        if (stack.receiver === undefined) continue;
        const tally = stack.receiver.tally();
        const before = spans.get(stack.config.id);
        spans.set(stack.config.id, before === undefined ? tally : addTallies(before, tally));
      }
    });
  }
  const loadAtEnd = loadavg();
  // A configuration's fixed-rate run adds up its replicas' slices: DURATION seconds each.
  const summaries = selected.map((path) =>
    summarisePath(path, rates.get(path.id)!.rate, DURATION * REPLICAS, records, CONFIGS, spans, sent),
  );
  const meta = {
    command: `npm run bench:observability --${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    started: started.toISOString(),
    finished: new Date().toISOString(),
    node: process.version,
    kernel: release(),
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    cores: pin.available
      ? 'all service processes (ai-core and backend of every stack, every thread) on cpu0; load generator + OTLP receivers (the bench process) on cpu1'
      : 'no taskset: everything floats over both cores',
    loadAtStart,
    loadAtEnd,
    idleCpuMsPerSecond: idle,
    rounds: ROUNDS,
    freshStacksEveryRound: true,
    stackWarmupSeconds: STACK_WARMUP,
    slicesPerRun: SLICES,
    replicasPerConfig: REPLICAS,
    warmupSeconds: WARMUP,
    durationSeconds: DURATION,
    calibrateSeconds: CALIBRATE,
    configs: CONFIGS,
    git,
  };
  console.log(`\nobservability bench — ${meta.started}, node ${meta.node}, ${meta.cpu}, kernel ${meta.kernel}`);
  console.log(
    `${meta.command}; ${ROUNDS} rounds × (warm-up ${WARMUP} s, fixed rate ${DURATION} s, max ${DURATION} s, each in ${SLICES} slices taken in turns across the stacks) per path and configuration, ${REPLICAS} fresh stack(s) per configuration and round`,
  );
  console.log(`cores: ${meta.cores}`);
  console.log(
    `load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, at end ${loadAtEnd.map((l) => l.toFixed(2)).join(' ')} (shared machine)`,
  );
  console.log(
    `idle CPU, ms per second (backend + ai-core), measured over ${IDLE} s before the runs: ${idle.map((i) => `${i.config} ${i.backend.toFixed(1)} + ${i['ai-core'].toFixed(1)}`).join('; ')}`,
  );
  for (const [id, tally] of spans) {
    const services = Object.entries(tally.byService)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ');
    console.log(
      `receiver ${id}: ${tally.totalSpans} spans (${services}) in ${tally.exportRequests} exports; ${tally.orphanSpans} without a received root; ${tally.rejectedRequests} rejected exports`,
    );
  }
  for (const summary of summaries) console.log(`\n${renderPath(summary)}`);
  const outFile = opt.out
    ? resolve(opt.out)
    : join(ROOT, 'tools/bench/out', `observability-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(resolve(outFile, '..'), { recursive: true });
  writeFileSync(
    outFile,
    `${JSON.stringify({ meta, rates: Object.fromEntries(rates), spans: Object.fromEntries(spans), sent: Object.fromEntries(sent), summaries, records }, null, 2)}\n`,
  );
  console.log(`\nJSON: ${outFile}`);
  if (summaries.some((s) => s.configs.some((c) => c.failures > 0))) process.exitCode = 1;
}

await main();

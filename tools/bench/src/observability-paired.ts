/**
 * npm run bench:observability-paired — the four configurations of bench:observability (off,
 * metrics+logs, tracing 10 %, tracing 100 %) on the evaluate path, served by ONE backend process
 * that hosts a complete backend per configuration (services/backend/bench/observability-paired-host.ts),
 * so that configurations are compared inside one process instead of across processes. Across
 * processes the same configuration differs by up to 40 % CPU per request on this machine, for the
 * process's whole life (docs/performance-observability.md, run 8), which is more than everything
 * observability costs.
 *
 * Per host process (--hosts K fresh ones, one after the other; host on cpu0, load generator and
 * OTLP receivers on cpu1): every app is warmed (--stack-warmup S closed loop), then --slices N
 * times, in turns across the apps (order rotated each time), a paced slice at the fixed rate and a
 * closed-loop max slice of --seconds S each. CPU per request = Δ CPU of the host process ÷ requests,
 * while only that app is loaded. Per host, each configuration's slices add up (combineSlices) and
 * are paired with "off" of the same host; figures are medians over hosts [min–max]. A second
 * reading pairs each max slice with "off"'s max slice of the same round (median over all rounds).
 * Pending spans are exported every 100 ms (OTEL_BSP_SCHEDULE_DELAY), so exports land in their own app's slices.
 * The fixed rate is half of "tracing 100%"'s max in the first host's warm-up, or --rate R.
 * Process-wide costs (the stdout buffer, the runtime metrics' GC observer and event-loop timer)
 * are shared by all apps, so this bench sees the per-request cost only; bench:observability
 * reports the idle CPU of each configuration's processes.
 * --profile DIR: each host runs under --cpu-prof (into DIR/host-N); its profile is split by the max
 * slices' time windows (profile-slices.ts) and the bench prints where "tracing 10%"'s added CPU
 * goes, function by function and module by module, summed over hosts. The profiler's own cost is
 * in every figure of such a run.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { shortGitHead } from './git-head.ts';
import { checkHostRunOptions } from './host-run-options.ts';
import { combineSlices, definePaths, measure, type RunMeasurement } from './observability-load.ts';
import { addTallies, type SpanTally } from './observability-otlp-receiver.ts';
import { withPairedHost } from './observability-paired-host.ts';
import { GOAL_CONFIG, GOAL_MAX_COST, spread } from './observability-report.ts';
import { CONFIGS, profileServicesInto, type Stack } from './observability-stack.ts';
import { addProfiles, attributeProfile, perRequestDeltas, type ConfigProfile, type CpuProfile, type SliceWindow } from './profile-slices.ts';

const { values: opt } = parseArgs({
  options: { hosts: { type: 'string', default: '4' }, slices: { type: 'string', default: '10' }, seconds: { type: 'string', default: '1' }, 'stack-warmup': { type: 'string', default: '6' }, rate: { type: 'string' }, profile: { type: 'string' } },
});
const { hosts: HOSTS, slices: SLICES, seconds: SECONDS, stackWarmup: STACK_WARMUP } = checkHostRunOptions(opt);
if (opt.rate !== undefined && !(Number(opt.rate) > 0)) throw new Error(`--rate must be a positive number of requests per second, got ${opt.rate}`);

interface HostFigures {
  paced: RunMeasurement;
  max: RunMeasurement;
  /** The max slices one by one, in round order (round r of every config ran within seconds of each other). */
  maxSlices: RunMeasurement[];
}

const evaluate = definePaths().evaluate;
let rate = opt.rate === undefined ? undefined : Number(opt.rate);
const sent = new Map<string, number>();
/** Max slices' time windows of the current host (µs, monotonic), for --profile. */
let windows: SliceWindow[] = [];

async function run(stack: Stack, kind: RunMeasurement['kind'], seconds: number, at?: number): Promise<RunMeasurement> {
  const m = await measure(stack, evaluate, kind, seconds, at);
  if (m.failures > 0) throw new Error(`${stack.config.id}: ${m.failures} requests failed or got an unexpected status (${JSON.stringify(m.statuses)})`);
  sent.set(stack.config.id, (sent.get(stack.config.id) ?? 0) + m.responses);
  return m;
}

async function measureHost(stacks: Stack[], host: number): Promise<Map<string, HostFigures>> {
  for (const stack of stacks) await run(stack, 'warmup', STACK_WARMUP);
  if (rate === undefined) {
    const calibration = await run(stacks.find((s) => s.config.id === 'tracing 100%')!, 'calibration', 2);
    rate = Math.round(calibration.reqPerSec / 2 / 10) * 10;
  }
  const paced = stacks.map(() => [] as RunMeasurement[]);
  const max = stacks.map(() => [] as RunMeasurement[]);
  for (let slice = 0; slice < SLICES; slice += 1) {
    const order = stacks.map((_, i) => (i + slice) % stacks.length);
    for (const i of order) paced[i]!.push(await run(stacks[i]!, 'paced', SECONDS, rate));
    for (const i of order) {
      const t0 = process.hrtime.bigint() / 1000n;
      const m = await run(stacks[i]!, 'max', SECONDS);
      windows.push({ id: stacks[i]!.config.id, t0: Number(t0), t1: Number(process.hrtime.bigint() / 1000n), requests: m.responses });
      max[i]!.push(m);
    }
  }
  const figures = new Map(stacks.map((s, i) => [s.config.id, { paced: combineSlices(paced[i]!), max: combineSlices(max[i]!), maxSlices: max[i]! }]));
  const line = [...figures].map(([id, f]) => `${id} ${f.paced.cpuUsPerReqTotal.toFixed(0)} / ${f.max.cpuUsPerReqTotal.toFixed(0)} µs (${f.max.reqPerSec.toFixed(0)} req/s)`).join('; ');
  console.error(`[paired ${new Date().toISOString().slice(11, 19)}] host ${host + 1}/${HOSTS}, CPU µs/req paced / max: ${line}`);
  return figures;
}

function range(xs: number[], digits: number): string {
  const s = spread(xs);
  return `${s.median.toFixed(digits)} [${s.min.toFixed(digits)}–${s.max.toFixed(digits)}]`;
}

async function main(): Promise<void> {
  execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const started = new Date();
  const hosts: Map<string, HostFigures>[] = [];
  const spans = new Map<string, SpanTally>();
  const profiles = new Map<string, ConfigProfile>();
  for (let h = 0; h < HOSTS; h += 1) {
    const hostDir = opt.profile === undefined ? undefined : resolve(opt.profile, `host-${h + 1}`);
    profileServicesInto(hostDir);
    windows = [];
    const hostStarted = Date.now();
    const { value, spans: tallies } = await withPairedHost(CONFIGS, 0, (stacks) => measureHost(stacks, h));
    hosts.push(value);
    if (hostDir !== undefined) {
      addProfiles(profiles, attributeProfile(mainThreadProfile(join(hostDir, 'paired', 'backend'), hostStarted), windows));
    }
    CONFIGS.forEach((c, i) => {
      const t = tallies[i];
      if (t !== undefined) spans.set(c.id, spans.has(c.id) ? addTallies(spans.get(c.id)!, t) : t);
    });
  }
  console.log(`\nnpm run bench:observability-paired -- --hosts ${HOSTS} --slices ${SLICES} --seconds ${SECONDS}; evaluate path, all four configurations in one backend process per host; HEAD ${shortGitHead()}; ${started.toISOString()} – ${new Date().toISOString()}`);
  console.log(`Fixed rate ${rate} req/s. Ratios vs "off" of the same host process: median over ${HOSTS} hosts [min–max].\n`);
  console.log('| config | CPU µs/req at fixed rate | vs off | CPU µs/req at max | vs off (max) | max req/s | throughput vs off | added µs/req (fixed / max) | log lines/req | traces/req |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const ratio = (id: string, pick: (f: HostFigures) => number) => hosts.map((h) => pick(h.get(id)!) / pick(h.get('off')!));
  const added = (id: string, pick: (f: HostFigures) => number) => hosts.map((h) => pick(h.get(id)!) - pick(h.get('off')!));
  const pacedCpu = (f: HostFigures) => f.paced.cpuUsPerReqTotal;
  const maxCpu = (f: HostFigures) => f.max.cpuUsPerReqTotal;
  const maxRate = (f: HostFigures) => f.max.reqPerSec;
  for (const c of CONFIGS) {
    const all = hosts.map((h) => h.get(c.id)!);
    const tally = spans.get(c.id);
    const traces = tally === undefined ? '–' : ((tally.byRoot[evaluate.rootSpan]?.traces ?? 0) / sent.get(c.id)!).toFixed(3);
    const lines = spread(all.map((f) => f.max.logLinesPerReq)).median.toFixed(2);
    const off = c.id === 'off';
    console.log(`| ${c.id} | ${range(all.map(pacedCpu), 0)} | ${off ? 1 : range(ratio(c.id, pacedCpu), 3)} | ${range(all.map(maxCpu), 0)} | ${off ? 1 : range(ratio(c.id, maxCpu), 3)} | ${range(all.map(maxRate), 0)} | ${off ? 1 : range(ratio(c.id, maxRate), 3)} | ${off ? 0 : `${range(added(c.id, pacedCpu), 1)} / ${range(added(c.id, maxCpu), 1)}`} | ${lines} | ${traces} |`);
  }
  const cost = (r: number) => 1 - 1 / r;
  const implied = cost(spread(ratio(GOAL_CONFIG, pacedCpu)).median);
  const atMax = cost(spread(ratio(GOAL_CONFIG, maxCpu)).median);
  const measured = 1 - spread(ratio(GOAL_CONFIG, maxRate)).median;
  const within = ratio(GOAL_CONFIG, pacedCpu).filter((r) => cost(r) <= GOAL_MAX_COST).length;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(`\nGoal (${GOAL_CONFIG} costs ≤ ${pct(GOAL_MAX_COST)} of throughput), same-process pairs: CPU-implied at the fixed rate ${pct(implied)} (${within}/${HOSTS} hosts within); from CPU at max ${pct(atMax)}; measured max throughput ${pct(measured)} → ${[implied, atMax, measured].every((x) => x <= GOAL_MAX_COST) ? '**MET by all three**' : '**NOT MET by all three**'}.`);
  // A slow spell of the machine lasting a few seconds inflates whichever configurations' slices it
  // hits, and sums over slices keep it. Pairing each max slice with "off"'s max slice of the same
  // round (seconds apart) and taking the median over all rounds of all hosts is robust to that.
  const roundPaired = (pick: (m: RunMeasurement) => number) => hosts.flatMap((h) => h.get(GOAL_CONFIG)!.maxSlices.map((m, r) => pick(m) / pick(h.get('off')!.maxSlices[r]!)));
  const quartiles = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { q1: sorted[Math.floor(sorted.length / 4)]!, median: spread(sorted).median, q3: sorted[Math.floor((3 * sorted.length) / 4)]! };
  };
  const cpuRounds = quartiles(roundPaired((m) => m.cpuUsPerReqTotal).map(cost));
  const rateRounds = quartiles(roundPaired((m) => m.reqPerSec).map((r) => 1 - r));
  console.log(`Round-paired (each max slice of ${GOAL_CONFIG} against "off"'s max slice of the same round, ${HOSTS * SLICES} rounds): from CPU at max ${pct(cpuRounds.median)} [quartiles ${pct(cpuRounds.q1)} – ${pct(cpuRounds.q3)}]; measured max throughput ${pct(rateRounds.median)} [${pct(rateRounds.q1)} – ${pct(rateRounds.q3)}].`);
  for (const [id, t] of spans) console.log(`receiver ${id}: ${t.totalSpans} spans, ${t.orphanSpans} without a received root, ${t.rejectedRequests} rejected exports`);
  if (opt.profile !== undefined) printAttribution(profiles, resolve(opt.profile));
}

// The host's main thread writes the largest profile (the others are its helper threads); files
// older than this host are an earlier run's in the same DIR.
function mainThreadProfile(dir: string, since: number): CpuProfile {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => ({ path: join(dir, f), stat: statSync(join(dir, f)) }));
  const largest = files.filter((f) => f.stat.mtimeMs >= since).sort((a, b) => b.stat.size - a.stat.size)[0];
  if (largest === undefined) throw new Error(`no CPU profile in ${dir}`);
  return JSON.parse(readFileSync(largest.path, 'utf8')) as CpuProfile;
}

function printAttribution(profiles: Map<string, ConfigProfile>, dir: string): void {
  console.log(`\nCPU profile split by max slice (${HOSTS} hosts; profiler on, so every figure includes its cost): sampled busy µs per request`);
  console.log([...profiles].map(([id, c]) => `${id} ${(c.busyUs / c.requests).toFixed(1)}`).join('; '));
  const off = profiles.get('off')!, goal = profiles.get(GOAL_CONFIG)!;
  const table = (title: string, by: 'selfUs' | 'moduleUs', rows: number) => {
    console.log(`\n${title}\n\n| added µs/req | off | ${GOAL_CONFIG} | self time of |\n|---|---|---|---|`);
    for (const d of perRequestDeltas(off, goal, by).slice(0, rows)) console.log(`| ${d.addedUs.toFixed(2)} | ${d.baseUs.toFixed(2)} | ${d.otherUs.toFixed(2)} | \`${d.key}\` |`);
  };
  table(`Where "${GOAL_CONFIG}" adds CPU over "off", by module:`, 'moduleUs', 20);
  table(`... and by function:`, 'selfUs', 30);
  const json = Object.fromEntries([...profiles].map(([id, c]) => [id, { requests: c.requests, busyUs: c.busyUs, selfUs: Object.fromEntries(c.selfUs) }]));
  writeFileSync(join(dir, 'attribution.json'), JSON.stringify(json));
  console.log(`\nPer-configuration self time of every function: ${join(dir, 'attribution.json')}`);
}

await main();

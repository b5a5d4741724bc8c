/**
 * npm run bench:api — the analysis path end to end, with both services as real child processes
 * (server.ts each, development profile, SQLite in a fresh temp dir), measured with the undici load
 * generator of loadgen.ts (keep-alive, pipelining 1; the paced run is open loop and evenly spaced). Reference in the same run: a bare Fastify hello-world on the same
 * core as the backend (DESIGN §9).
 *   1. reference: GET / on bare Fastify, max throughput
 *   2. POST /v1/analyses, inline 1,000-row JSON body: p95 at 200 req/s offered (goal < 50 ms)
 *   3. POST /v1/analyses: max sustained throughput (stretch goal 800 req/s)
 *   4. GET /v1/reports/:id: max throughput (goal >= 10,000 req/s), with an API key and
 *      `Accept-Encoding: gzip, deflate` (what fetch, browsers and HTTP libraries send); then the same
 *      without Accept-Encoding (the uncompressed bytes), then with a JWT
 * Cores: backend (and the reference) on cpu0, ai-core on cpu1, the load generator on --loadgen-cpu (1) (taskset).
 * Afterwards the reports table must hold one row per 201 answer (nothing acknowledged unstored).
 * Both services run in the production observability configuration by default (metrics, info logs,
 * tracing at 10 % exported to a counting receiver; bench-observability.ts); each one's resident
 * memory is read idle (after start-up), then its peak (VmHWM) is reset and read again when the
 * runs are over: the peak under load, with start-up's own peak reported beside it.
 * Options: --duration S (10) --observability production|off (production)
 *   --profile DIR   run both services with --cpu-prof into DIR (one .cpuprofile per process)
 *   --shape rows|columns (rows)  the inline data shape of the analysis body
 *   --analyses-only true   skip the report reads (e.g. to profile the analysis path alone)
 *   --rate N (200)  offered rate of the paced analyses run (the goal is judged at 200 only)
 *   --loadgen-cpu 0|1 (1)  the core the load generator shares: with ai-core (1) or with the backend (0)
 *   --node-flags="F ..." extra Node/V8 flags for both services, after SERVICE_NODE_FLAGS (a later
 *                         V8 flag overrides an earlier one), to compare heap settings run by run
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SERVICE_NODE_ENV, SERVICE_NODE_FLAGS } from '@ethixai/service-kit/node-flags';
import Database from 'better-sqlite3';
import {
  cpuSeconds,
  freePort,
  request as httpRequest,
  percentile,
  pin,
  startPinned,
  stopChild as stop,
  type RunResult,
} from './evaluate-bench-support.ts';
import { closedLoop, paced, type Target } from './loadgen.ts';
import { benchObservability, type BenchObservability } from './bench-observability.ts';
import { residentMemoryMb, resetPeak } from './process-memory.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const { values: opt } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    observability: { type: 'string', default: 'production' },
    profile: { type: 'string' },
    shape: { type: 'string', default: 'rows' },
    'analyses-only': { type: 'string', default: 'false' },
    'loadgen-cpu': { type: 'string', default: '1' },
    rate: { type: 'string', default: '200' },
    'node-flags': { type: 'string', default: '' },
  },
});
const EXTRA_NODE_FLAGS = opt['node-flags']!.split(' ').filter(Boolean);
const RATE = Number(opt.rate);
if (!(RATE > 0)) throw new Error(`--rate must be a positive number, got ${opt.rate}`);
const LOADGEN_CPU = Number(opt['loadgen-cpu']);
if (LOADGEN_CPU !== 0 && LOADGEN_CPU !== 1) throw new Error(`--loadgen-cpu must be 0 or 1, got ${opt['loadgen-cpu']}`);
const DURATION = Number(opt.duration);

interface Measured extends RunResult {
  cpu: Record<string, number>;
}

async function measured(pids: Record<string, number | undefined>, load: Load): Promise<Measured> {
  const all = { ...pids, 'load generator': process.pid };
  const before = Object.fromEntries(
    Object.entries(all).map(([k, pid]) => [k, pid === undefined ? 0 : cpuSeconds(pid)]),
  );
  const result = await run(load);
  return {
    ...result,
    cpu: Object.fromEntries(
      Object.entries(all).map(([k, pid]) => [k, pid === undefined ? 0 : cpuSeconds(pid) - before[k]]),
    ),
  };
}

/** Closed loop with `connections` in flight, or open loop at `rate` evenly spaced requests per second. */
interface Load {
  target: Target;
  seconds: number;
  connections?: number;
  rate?: number;
}

async function run(load: Load): Promise<RunResult> {
  const r =
    load.rate === undefined
      ? await closedLoop(load.target, load.connections ?? 50, load.seconds)
      : await paced(load.target, load.rate, load.seconds);
  const latencies = Array.from(r.latenciesMs);
  const answered = latencies.length;
  return {
    requestsPerSec: answered / r.wallSeconds,
    total: answered,
    p50: round2(percentile(latencies, 0.5)),
    p95: round2(percentile(latencies, 0.95)),
    p99: round2(percentile(latencies, 0.99)),
    statuses: r.statuses,
    errors: r.errors,
    timeouts: 0,
  };
}

const round2 = (ms: number) => Math.round(ms * 100) / 100;

/** 1,000 rows, 8 groups over two attributes, label, prediction and score (about 75 KB of JSON as
 * rows, about 30 KB as columns: the same data either way). */
function analysisBody(shape: string): string {
  const rows = Array.from({ length: 1000 }, (_, i) => ({
    id: i,
    sex: i % 2 ? 'F' : 'M',
    race: ['A', 'B', 'C', 'D'][i % 4],
    age: 20 + (i % 50),
    score: ((i * 7919) % 1000) / 1000,
    label: (i * 31) % 3 === 0 ? 1 : 0,
    pred: ((i * 7919) % 1000) / 1000 > (i % 2 ? 0.55 : 0.45) ? 1 : 0,
  }));
  const config = { label: 'label', prediction: 'pred', score: 'score', sensitive: ['sex', 'race'] };
  if (shape === 'rows') return JSON.stringify({ config, data: { rows } });
  if (shape !== 'columns') throw new Error(`--shape must be rows or columns, got ${shape}`);
  const names = Object.keys(rows[0]) as (keyof (typeof rows)[number])[];
  return JSON.stringify({
    config,
    data: { columns: Object.fromEntries(names.map((n) => [n, rows.map((r) => r[n])])) },
  });
}

/** Node flags of a service: --node-flags, and a CPU profile per process when --profile is given. */
function nodeArgs(script: string): string[] {
  const prof = opt.profile ? ['--cpu-prof', '--cpu-prof-dir', resolve(opt.profile)] : [];
  return [...SERVICE_NODE_FLAGS, ...EXTRA_NODE_FLAGS, ...prof, script];
}

async function main(): Promise<void> {
  pin.self(LOADGEN_CPU);
  const refPort = await freePort();
  const reference = await startPinned(
    0,
    [
      '--input-type=module',
      '-e',
      `import F from 'fastify'; const a = F(); a.get('/', async () => ({ ok: true })); await a.listen({ port: ${refPort}, host: '127.0.0.1' });`,
    ],
    {},
    `http://127.0.0.1:${refPort}/`,
    { cwd: ROOT },
  );
  const refTarget: Target = { origin: `http://127.0.0.1:${refPort}`, path: '/', headers: {} };
  await run({ target: refTarget, connections: 50, seconds: 2 });
  const ref = await measured(
    { reference: reference.child.pid },
    { target: refTarget, connections: 50, seconds: DURATION },
  );
  await stop(reference.child);

  const observability = await benchObservability(opt.observability!);
  const dataDir = mkdtempSync(join(tmpdir(), 'ethixai-api-bench-'));
  const token = randomBytes(32).toString('base64url');
  const [aiPort, bePort] = [await freePort(), await freePort()];
  const common = {
    ...SERVICE_NODE_ENV,
    ETHIXAI_PROFILE: 'development',
    DATA_DIR: dataDir,
    AI_CORE_TOKEN: token,
    ...observability.env,
  };
  const aiCore = await startPinned(
    1,
    nodeArgs('services/ai-core/src/server.ts'),
    { ...common, PORT: String(aiPort) },
    `http://127.0.0.1:${aiPort}/health`,
    { cwd: ROOT },
  );
  const backend = await startPinned(
    0,
    nodeArgs('services/backend/src/server.ts'),
    {
      ...common,
      PORT: String(bePort),
      AI_CORE_URL: `http://127.0.0.1:${aiPort}`,
      RATE_LIMIT_USER_MAX: '100000000',
    },
    `http://127.0.0.1:${bePort}/health`,
    { cwd: ROOT },
  );
  await new Promise((r) => setTimeout(r, 1000));
  const idle = {
    backend: residentMemoryMb(backend.child.pid!).rss,
    'ai-core': residentMemoryMb(aiCore.child.pid!).rss,
  };
  const startupPeak = { backend: resetPeak(backend.child.pid!), 'ai-core': resetPeak(aiCore.child.pid!) };
  try {
    const base = `http://127.0.0.1:${bePort}`;
    const password = /password: (\S+)/.exec(backend.out())?.[1];
    if (!password) throw new Error(`no first-admin password printed: ${backend.out()}`);
    const login = await httpRequest(base, 'POST', '/v1/auth/login', { email: 'admin@ethixai.local', password });
    const bearer = { authorization: `Bearer ${login.accessToken}` };
    // Machine clients use API keys (hash + cached lookup); the JWT path is measured once for comparison.
    const key = await httpRequest(
      base,
      'POST',
      '/v1/api-keys',
      { name: 'bench', role: 'analyst', rateLimitPerMinute: 10_000_000 },
      bearer,
    );
    const apiKey = { 'x-api-key': key.secret as string };
    const body = analysisBody(opt.shape!);
    const post: Target = {
      origin: base,
      path: '/v1/analyses',
      headers: { 'content-type': 'application/json', ...apiKey },
      body: () => body,
    };
    await run({ target: post, connections: 8, seconds: 3 });
    const pids = { backend: backend.child.pid, 'ai-core': aiCore.child.pid };
    const steady = await measured(pids, { target: post, rate: RATE, seconds: DURATION });
    const max = await measured(pids, { target: post, connections: 16, seconds: DURATION });
    const reportId = (await httpRequest(base, 'POST', '/v1/analyses', JSON.parse(body), apiKey)).id as string;
    const acceptGzip = { 'accept-encoding': 'gzip, deflate' };
    const read = (headers: Record<string, string>): Target => ({
      origin: base,
      path: `/v1/reports/${reportId}`,
      headers,
    });
    const readsToo = opt['analyses-only'] !== 'true';
    if (readsToo) await checkCompressedRead(`${base}/v1/reports/${reportId}`, { ...apiKey, ...acceptGzip }, reportId);
    if (readsToo) await run({ target: read({ ...apiKey, ...acceptGzip }), connections: 50, seconds: 2 });
    const reads = readsToo
      ? await measured(pids, { target: read({ ...apiKey, ...acceptGzip }), connections: 50, seconds: DURATION })
      : undefined;
    const readsIdentity = readsToo
      ? await measured(pids, { target: read(apiKey), connections: 50, seconds: DURATION })
      : undefined;
    const readsJwt = readsToo
      ? await measured(pids, { target: read({ ...bearer, ...acceptGzip }), connections: 50, seconds: DURATION })
      : undefined;
    const peak = {
      backend: residentMemoryMb(backend.child.pid!).peak,
      'ai-core': residentMemoryMb(aiCore.child.pid!).peak,
    };
    await stop(backend.child);
    const db = new Database(join(dataDir, 'ethixai.sqlite'), { readonly: true });
    const stored = (db.prepare('select count(*) as n from reports').get() as { n: number }).n;
    db.close();
    const created = (steady.statuses[201] ?? 0) + (max.statuses[201] ?? 0);
    await stop(aiCore.child);
    report({ ref, paced: steady, max, reads, readsIdentity, readsJwt }, stored, created, body.length, observability);
    reportMemory(idle, startupPeak, peak);
    const only = (r: RunResult, status: number) =>
      r.errors === 0 && Object.keys(r.statuses).every((s) => Number(s) === status);
    const readRuns = [reads, readsIdentity, readsJwt].filter((r) => r !== undefined);
    if (!only(steady, 201) || !only(max, 201) || readRuns.some((r) => !only(r, 200)) || stored < created)
      process.exitCode = 1;
  } finally {
    await stop(backend.child);
    await stop(aiCore.child);
    await observability.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function reportMemory(
  idle: Record<string, number>,
  startupPeak: Record<string, number>,
  peak: Record<string, number>,
): void {
  console.log(
    '\n| resident memory (MB) | idle, after start-up | peak under load, over all runs (VmHWM) | start-up peak | goal: idle and peak <= 150 MB |',
  );
  console.log('|---|---|---|---|---|');
  for (const name of Object.keys(idle))
    console.log(
      `| ${name} | ${idle[name].toFixed(1)} | ${peak[name].toFixed(1)} | ${startupPeak[name].toFixed(1)} | ${Math.max(idle[name], peak[name]) <= 150 ? 'MET' : 'NOT MET'} |`,
    );
}

/** The compressed read must be gzip and decode to the report asked for (the load generator only dumps bodies). */
async function checkCompressedRead(url: string, headers: Record<string, string>, reportId: string): Promise<void> {
  const res = await fetch(url, { headers });
  const encoding = res.headers.get('content-encoding');
  const id = ((await res.json()) as { id?: string }).id;
  if (encoding !== 'gzip' || id !== reportId)
    throw new Error(`report read: content-encoding ${encoding}, id ${id} (expected gzip, ${reportId})`);
}

function report(
  r: Record<'ref' | 'paced' | 'max', Measured> & Partial<Record<'reads' | 'readsIdentity' | 'readsJwt', Measured>>,
  stored: number,
  created: number,
  bodyBytes: number,
  observability: BenchObservability,
): void {
  const perCpu = (x: Measured) =>
    Object.entries(x.cpu)
      .filter(([, s]) => s >= 0.05)
      .map(
        ([k, s]) =>
          `${k} ${s.toFixed(1)} s → ${Math.round(x.total / s)}/CPU-s = ${Math.round((s * 1e6) / x.total)} µs/response`,
      )
      .join('; ');
  // The load generator's share: a figure near the run's length means it, not the server, was the limit.
  const row = (name: string, x: Measured) =>
    `| ${name} | ${Math.round(x.requestsPerSec)} | ${x.total} | ${x.p50} | ${x.p95} | ${x.p99} | ${JSON.stringify(x.statuses)} | ${x.errors}/${x.timeouts} | ${perCpu(x)} |`;
  console.log(
    `\napi bench — ${new Date().toISOString()}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  );
  const cores =
    LOADGEN_CPU === 1
      ? 'backend + reference on cpu0; ai-core + load generator (this process) on cpu1'
      : 'backend + reference + load generator (this process) on cpu0; ai-core alone on cpu1';
  console.log(pin.available ? `cores: ${cores} (taskset)` : 'cores: no taskset, all processes float over both cores');
  const spans = observability.spans();
  console.log(
    `${observability.describe}${spans === undefined ? '' : ` (${spans} spans received)`}; SQLite WAL synchronous=NORMAL`,
  );
  console.log(`load average at the end (other work on this machine): ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  console.log(`node flags of both services: ${[...SERVICE_NODE_FLAGS, ...EXTRA_NODE_FLAGS].join(' ')}`);
  console.log(
    `duration ${DURATION}s per run; POST body ${bodyBytes} bytes (1,000 rows as ${opt.shape}); load generator: undici Pool, keep-alive, pipelining 1 (tools/bench/src/loadgen.ts); latency of the paced run is from each request's due time\n`,
  );
  console.log(
    '| run | req/s | responses | p50 ms | p95 ms | p99 ms | statuses | errors/timeouts | server CPU used → responses per CPU-second = CPU per response |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(row('reference: bare Fastify GET, c=50', r.ref));
  console.log(row(`POST /v1/analyses, ${RATE} req/s offered (open loop, evenly spaced)`, r.paced));
  console.log(row('POST /v1/analyses, max, c=16', r.max));
  if (r.reads) console.log(row('GET /v1/reports/:id (API key, Accept-Encoding: gzip), max, c=50', r.reads));
  if (r.readsIdentity)
    console.log(row('GET /v1/reports/:id (API key, no Accept-Encoding), max, c=50', r.readsIdentity));
  if (r.readsJwt) console.log(row('GET /v1/reports/:id (Bearer JWT, gzip), max, c=50', r.readsJwt));
  const readsRatio = r.reads ? `reports GET ${(r.reads.requestsPerSec / r.ref.requestsPerSec).toFixed(3)}, ` : '';
  console.log(
    `\nratios to reference: ${readsRatio}analyses max ${(r.max.requestsPerSec / r.ref.requestsPerSec).toFixed(4)}`,
  );
  console.log(`reports stored: ${stored} (201 answers in the measured runs: ${created}, plus warm-up and setup)`);
  const readsGoal = r.reads
    ? `; reports GET >= 10,000 req/s ${r.reads.requestsPerSec >= 10_000 ? 'MET' : 'NOT MET'}`
    : '';
  console.log(
    `goals: p95 < 50 ms at 200 req/s ${RATE !== 200 ? `not judged (--rate ${RATE})` : r.paced.p95 < 50 ? 'MET' : 'NOT MET'}; stretch 800 req/s ${r.max.requestsPerSec >= 800 ? 'MET' : 'NOT MET'}${readsGoal}`,
  );
}

await main();

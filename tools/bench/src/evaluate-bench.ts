/**
 * npm run bench:evaluate — POST /v1/evaluate, single decisions persisted on SQLite, against the
 * backend as a real child process (server.ts, development profile, fresh temp data dir) with an
 * API key, measured with autocannon 9 (programmatic). Reference in the same run: a bare Fastify
 * hello-world on the same core (DESIGN §9).
 *   1. reference: GET / on bare Fastify, max throughput
 *   2. evaluate: max throughput (closed loop, C connections)
 *   3. evaluate: p95 at 1,000 requests/s offered (open loop via overallRate)
 * Every request carries a unique decision id; afterwards the bench counts the rows in the SQLite
 * file and fails if it differs from the number of 201 answers (nothing acknowledged unstored).
 * The backend runs in the production observability configuration by default (metrics, info logs,
 * tracing at 10 % exported to a counting receiver; bench-observability.ts); its resident memory
 * is read idle (after start-up), then its peak (VmHWM) is reset and read again after the runs:
 * the peak under load, with start-up's own peak reported beside it.
 * Options: --duration S (10) --connections C (50) --observability production|off (production)
 *   --node-flags="F ..." extra Node/V8 flags for the backend, after SERVICE_NODE_FLAGS (a later
 *                         V8 flag overrides an earlier one), to compare heap settings run by run
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import {
  cpuSeconds,
  freePort,
  mainThreadCpuSeconds,
  request as httpRequest,
  percentile,
  pin,
  waitForHealth,
  type RunResult,
} from './evaluate-bench-support.ts';
import { benchObservability, type BenchObservability } from './bench-observability.ts';
import { residentMemoryMb, resetPeak } from './process-memory.ts';
import { SERVICE_NODE_ENV, SERVICE_NODE_FLAGS } from '@ethixai/service-kit/node-flags';

const ROOT = resolve(import.meta.dirname, '../../..');
const { values: opt } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    observability: { type: 'string', default: 'production' },
    'node-flags': { type: 'string', default: '' },
  },
});
const EXTRA_NODE_FLAGS = opt['node-flags']!.split(' ').filter(Boolean);
const DURATION = Number(opt.duration);
const CONNECTIONS = Number(opt.connections);
const LOAD_AT_START = loadavg();
const CORES = pin.available
  ? 'server pinned to cpu0, load generator (this process) to cpu1'
  : 'no taskset: server and load generator float over both cores';

function start(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray; out: () => string }> {
  const command = pin.available ? 'taskset' : process.execPath;
  const argv = pin.available ? ['-c', '0', process.execPath, ...args] : args;
  const child = spawn(command, argv, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`did not start: ${out}`)), 60_000);
    let started = false;
    // Once started, only a tail is kept: at info level the request log runs to megabytes.
    const onData = (d: Buffer) => {
      out = started ? (out + d).slice(-20_000) : out + d;
      const m = started ? null : ready.exec(out);
      if (m) {
        started = true;
        clearTimeout(timer);
        res({ child, match: m, out: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
    child.on('exit', (code) => rej(new Error(`exited ${code}: ${out}`)));
  });
}

async function run(opts: autocannon.Options, serverPid?: number): Promise<RunResult> {
  const cpuBefore = serverPid === undefined ? Number.NaN : cpuSeconds(serverPid);
  const mainBefore = serverPid === undefined ? Number.NaN : mainThreadCpuSeconds(serverPid);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const instance = autocannon(opts);
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  const result = await instance;
  const cpu = serverPid === undefined ? Number.NaN : cpuSeconds(serverPid) - cpuBefore;
  const main = serverPid === undefined ? Number.NaN : mainThreadCpuSeconds(serverPid) - mainBefore;
  return {
    serverCpuSeconds: cpu,
    mainThreadCpuSeconds: main,
    perCpuSecond: latencies.length / cpu,
    requestsPerSec: result.requests.average,
    total: latencies.length,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    statuses: Object.fromEntries(statuses),
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

async function main(): Promise<void> {
  pin.self(1);
  const reference = await start(
    [
      '--input-type=module',
      '-e',
      "import F from 'fastify'; const a = F(); a.get('/', async () => ({ ok: true })); await a.listen({ port: 0 }); console.log('REF ' + a.server.address().port);",
    ],
    {},
    /REF (\d+)/,
  );
  const refUrl = `http://127.0.0.1:${reference.match[1]}/`;
  process.on('exit', () => reference.child.exitCode === null && reference.child.kill('SIGKILL'));
  await run({ url: refUrl, connections: CONNECTIONS, duration: 2 });
  const refBefore = await run({ url: refUrl, connections: CONNECTIONS, duration: DURATION }, reference.child.pid);

  const observability = await benchObservability(opt.observability!);
  const dataDir = mkdtempSync(join(tmpdir(), 'ethixai-evaluate-bench-'));
  const port = await freePort();
  const env = {
    ...SERVICE_NODE_ENV,
    ETHIXAI_PROFILE: 'development',
    DATA_DIR: dataDir,
    PORT: String(port),
    RATE_LIMIT_USER_MAX: '100000',
    ...observability.env,
  };
  // Fastify's "listening" line is an info log; with a quieter LOG_LEVEL, poll /health instead.
  const server = await start(
    [...SERVICE_NODE_FLAGS, ...EXTRA_NODE_FLAGS, 'services/backend/src/server.ts'],
    env,
    /password: (\S+)\n/,
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base);
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = residentMemoryMb(server.child.pid!).rss;
    const startupPeak = resetPeak(server.child.pid!);
    const login = await httpRequest(base, 'POST', '/v1/auth/login', {
      email: 'admin@ethixai.local',
      password: server.match[1],
    });
    const bearer = { authorization: `Bearer ${login.accessToken}` };
    const key = await httpRequest(
      base,
      'POST',
      '/v1/api-keys',
      { name: 'bench', role: 'analyst', rateLimitPerMinute: 10_000_000 },
      bearer,
    );
    const model = await httpRequest(
      base,
      'POST',
      '/v1/models',
      {
        name: 'bench-credit',
        version: '1.0',
        owner: 'bench',
        intendedUse: 'benchmark',
        policy: { sensitiveAttributes: ['sex'], requiredContextFields: ['channel'] },
      },
      bearer,
    );
    const body = JSON.stringify({
      modelId: model.id,
      modelVersion: '1.0',
      decisionId: '[<id>]',
      subjectId: '[<id>]',
      sensitiveAttributes: { sex: 'F' },
      prediction: 1,
      score: 0.72,
      features: { income: 52000, debtRatio: 0.31, tenureYears: 4 },
      context: { channel: 'web' },
    });
    const evaluate = {
      url: `${base}/v1/evaluate`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', 'x-api-key': key.secret },
      body,
      idReplacement: true,
    };
    await run({ ...evaluate, connections: CONNECTIONS, duration: 3 });
    const max = await run({ ...evaluate, connections: CONNECTIONS, duration: DURATION }, server.child.pid);
    const paced = await run({ ...evaluate, connections: 20, overallRate: 1000, duration: DURATION }, server.child.pid);
    // The reference again, right after: a neighbour's burst shows up as a gap between the two.
    const refAfter = await run({ url: refUrl, connections: CONNECTIONS, duration: DURATION }, reference.child.pid);
    const peakRss = residentMemoryMb(server.child.pid!).peak;
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    const db = new Database(join(dataDir, 'ethixai.sqlite'), { readonly: true });
    const stored = (db.prepare('select count(*) as n from evaluations').get() as { n: number }).n;
    db.close();
    const created = [max, paced].reduce((s, r) => s + (r.statuses[201] ?? 0), 0);
    report([refBefore, refAfter], max, paced, stored, observability);
    console.log(
      `backend resident memory: ${idleRss.toFixed(1)} MB idle after start-up, ${peakRss.toFixed(1)} MB at its peak under load (VmHWM, reset after the idle reading; start-up's own peak ${startupPeak.toFixed(1)} MB); goal <= 150 MB: idle ${idleRss <= 150 ? 'MET' : 'NOT MET'}, peak ${peakRss <= 150 ? 'MET' : 'NOT MET'}`,
    );
    if (Object.keys(max.statuses).some((s) => s !== '201') || Object.keys(paced.statuses).some((s) => s !== '201'))
      process.exitCode = 1;
    if (stored < created) process.exitCode = 1;
  } finally {
    if (reference.child.exitCode === null) reference.child.kill('SIGTERM');
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await observability.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(
  refs: RunResult[],
  max: RunResult,
  paced: RunResult,
  stored: number,
  observability: BenchObservability,
): void {
  const us = (seconds: number | undefined, r: RunResult) => (((seconds ?? Number.NaN) * 1e6) / r.total).toFixed(1);
  const row = (name: string, r: RunResult) =>
    `| ${name} | ${Math.round(r.requestsPerSec)} | ${us(r.serverCpuSeconds, r)} | ${us(r.mainThreadCpuSeconds, r)} | ${r.total} | ${r.p50} | ${r.p95} | ${r.p99} | ${JSON.stringify(r.statuses)} | ${r.errors}/${r.timeouts} |`;
  const refUs = refs.map((r) => ((r.serverCpuSeconds ?? Number.NaN) * 1e6) / r.total);
  const refMean = (refUs[0] + refUs[1]) / 2;
  console.log(`\nevaluate bench — ${new Date().toISOString()}, node ${process.version}, ${CORES}`);
  const spans = observability.spans();
  console.log(
    `${observability.describe}${spans === undefined ? '' : ` (${spans} spans received)`}; SQLite WAL synchronous=NORMAL, checkpoints in a worker thread; group commit (EVALUATE_COMMIT_INTERVAL_MS default)`,
  );
  console.log(
    `load average at start ${LOAD_AT_START.map((l) => l.toFixed(1)).join(' ')}, at end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
  console.log(`backend node flags: ${[...SERVICE_NODE_FLAGS, ...EXTRA_NODE_FLAGS].join(' ')}`);
  console.log(`duration ${DURATION}s per run, ${CONNECTIONS} connections (paced run: 20)\n`);
  console.log(
    '| run | req/s | server CPU µs/response (process) | (main thread) | responses | p50 ms | p95 ms | p99 ms | statuses | errors/timeouts |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  console.log(row('reference: bare Fastify GET (before)', refs[0]));
  console.log(row('POST /v1/evaluate, max throughput', max));
  console.log(row('POST /v1/evaluate, 1,000 req/s offered', paced));
  console.log(row('reference: bare Fastify GET (after)', refs[1]));
  const maxUs = ((max.serverCpuSeconds ?? Number.NaN) * 1e6) / max.total;
  console.log(
    `\nCPU per request, evaluate / reference (mean of the two reference runs): ${(maxUs / refMean).toFixed(2)}×; one core at this cost: ~${Math.round(1e6 / maxUs)} evaluate requests/s`,
  );
  console.log(
    `rows in evaluations after the runs (incl. 3 s warm-up): ${stored}; 201 answers in measured runs: ${(max.statuses[201] ?? 0) + (paced.statuses[201] ?? 0)}`,
  );
  console.log(
    `goals: >= 5,000 req/s ${max.requestsPerSec >= 5000 ? 'MET' : 'NOT MET'}; p95 < 10 ms at 1,000 req/s ${paced.p95 < 10 ? 'MET' : 'NOT MET'}`,
  );
}

await main();

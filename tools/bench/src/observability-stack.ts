/**
 * One observability configuration of the EthixAI stack for the observability bench: ai-core and
 * the backend as real child processes (server.ts each, development profile, their own temp data
 * dir and SQLite file), stdout+stderr of each appended to a log file (what a container runtime
 * does with stdout; it also lets the bench count log lines per request), configured only through
 * the services' documented environment knobs. The benches start fresh stacks every round
 * (`withStacks`) and interleave their measurements across them.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { SERVICE_NODE_ENV, SERVICE_NODE_FLAGS } from '@ethixai/service-kit/node-flags';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startOtlpReceiver, type OtlpReceiver } from '@ethixai/test-support';
import { freePort, pin, request as httpRequest } from './evaluate-bench-support.ts';
import { analysisBody } from './observability-load.ts';
import { countSpans, type SpanCounter, type SpanTally } from './observability-span-tally.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface StackConfig {
  id: string;
  /** Knobs both services read (services/{ai-core,backend}/src/config/env.ts). */
  env: Record<string, string>;
  /** Tracing on: the stack gets its own counting OTLP receiver. */
  sampleRatio?: number;
}

export interface ObservabilityConfig extends StackConfig {
  id: 'off' | 'metrics' | 'metrics+logs' | 'production' | 'tracing 100%';
}

const METRICS = { ETHIXAI_METRICS: 'true', LOG_LEVEL: 'warn', ETHIXAI_TRACING: 'false' };
const METRICS_AND_LOGS = { ...METRICS, LOG_LEVEL: 'info' };
/** Cumulative, cheapest first; `production` is what the overhead goal is judged on. */
export const CONFIGS: readonly ObservabilityConfig[] = [
  { id: 'off', env: { ETHIXAI_METRICS: 'false', LOG_LEVEL: 'warn', ETHIXAI_TRACING: 'false' } },
  { id: 'metrics', env: METRICS },
  { id: 'metrics+logs', env: METRICS_AND_LOGS },
  {
    id: 'production',
    env: { ...METRICS_AND_LOGS, ETHIXAI_TRACING: 'true', OTEL_TRACES_SAMPLER_RATIO: '0.1' },
    sampleRatio: 0.1,
  },
  {
    id: 'tracing 100%',
    env: { ...METRICS_AND_LOGS, ETHIXAI_TRACING: 'true', OTEL_TRACES_SAMPLER_RATIO: '1' },
    sampleRatio: 1,
  },
];

/** The project's OTLP receiver, counting instead of keeping spans. */
export interface CountingReceiver {
  url: string;
  tally(): SpanTally;
  close(): Promise<void>;
}

export async function startCountingReceiver(): Promise<CountingReceiver> {
  const counter: SpanCounter = countSpans();
  const receiver: OtlpReceiver = await startOtlpReceiver({ onSpan: counter.onSpan });
  return {
    url: receiver.url,
    tally: () => counter.tally(receiver.requests(), receiver.rejected()),
    close: () => receiver.close(),
  };
}

export type ServiceName = 'backend' | 'ai-core';

export interface ServiceProcess {
  name: ServiceName;
  child: ChildProcess;
  pid: number;
  logFile: string;
  /** The process and its descendants, as found when the stack was pinned. */
  pids: number[];
}

export interface Stack<C extends StackConfig = ObservabilityConfig> {
  config: C;
  services: Record<ServiceName, ServiceProcess>;
  backendUrl: string;
  aiCoreUrl: string;
  aiCoreToken: string;
  apiKey: string;
  modelId: string;
  /** A stored report (1,000 rows), for the report-read path. */
  reportId: string;
  receiver?: CountingReceiver;
  dataDir: string;
}

async function waitHealthy(service: ServiceProcess, url: string): Promise<void> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    if (service.child.exitCode !== null)
      throw new Error(`${service.name} exited ${service.child.exitCode}: ${tail(service.logFile)}`);
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${service.name} did not become healthy: ${tail(service.logFile)}`);
}

export function tail(file: string): string {
  return readFileSync(file, 'utf8').slice(-4000);
}

/** `--profile DIR`: every service thread writes a V8 CPU profile to DIR/<config>/<service> when it stops. */
let profileDir: string | undefined;
export function profileServicesInto(dir: string | undefined): void {
  profileDir = dir;
}

/** Starts the service's server.ts with its output appended to DATA/<name>.log. */
export function spawnService(
  name: ServiceName,
  dataDir: string,
  env: Record<string, string>,
  configId: string,
): ServiceProcess {
  const logFile = join(dataDir, `${name}.log`);
  const profiling =
    profileDir === undefined
      ? []
      : ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, configId.replace(/[^a-z0-9]+/gi, '_'), name)}`];
  profiling.push(...(process.env.BENCH_SERVICE_NODE_FLAGS?.split(' ').filter(Boolean) ?? []));
  const fd = openSync(logFile, 'a');
  // Started on both cores (eight processes compiling TypeScript on one core would take minutes);
  // pinned to the server core once healthy, see pinServices.
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...profiling, `services/${name}/src/server.ts`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...SERVICE_NODE_ENV, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  return { name, child, pid: child.pid, logFile, pids: [child.pid] };
}

/** Logs in as the first admin and creates what the bench's paths use: an analyst API key, a registered model and a report. */
export async function provisionBench(
  backendUrl: string,
  password: string,
  analysisBody: string,
): Promise<{ apiKey: string; modelId: string; reportId: string }> {
  const login = await httpRequest(backendUrl, 'POST', '/v1/auth/login', { email: 'admin@ethixai.local', password });
  const bearer = { authorization: `Bearer ${login.accessToken}` };
  const key = await httpRequest(
    backendUrl,
    'POST',
    '/v1/api-keys',
    { name: 'bench', role: 'analyst', rateLimitPerMinute: 10_000_000 },
    bearer,
  );
  const model = await httpRequest(
    backendUrl,
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
  const report = await httpRequest(
    backendUrl,
    'POST',
    '/v1/analyses',
    JSON.parse(analysisBody) as Record<string, unknown>,
    bearer,
  );
  return { apiKey: key.secret as string, modelId: model.id as string, reportId: report.id as string };
}

// A port is picked by listening on port 0 and closing again, so the same port can be picked twice
// while stacks start together; two services on one port then answer each other's health checks
// (seen once: a backend "healthy" before it had printed anything). Ports picked here are not
// picked again, and a stack that fails to start is started again on new ports.
const pickedPorts = new Set<number>();
async function unpickedPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!pickedPorts.has(port)) {
      pickedPorts.add(port);
      return port;
    }
  }
}

const START_ATTEMPTS = 3;
const STARTING_TOGETHER = 2;

export async function startStack<C extends StackConfig>(config: C): Promise<Stack<C>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startStackOnce(config);
    } catch (error) {
      if (attempt >= START_ATTEMPTS) throw error;
      console.error(
        `[stack] ${config.id}: start attempt ${attempt} failed (${error instanceof Error ? error.message.slice(0, 200) : String(error)}); starting again`,
      );
    }
  }
}

async function startStackOnce<C extends StackConfig>(config: C): Promise<Stack<C>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ethixai-obs-bench-'));
  const receiver = config.sampleRatio === undefined ? undefined : await startCountingReceiver();
  const aiCoreToken = randomBytes(32).toString('base64url');
  const [aiPort, bePort] = [await unpickedPort(), await unpickedPort()];
  const common = {
    ETHIXAI_PROFILE: 'development',
    DATA_DIR: dataDir,
    AI_CORE_TOKEN: aiCoreToken,
    ...config.env,
    ...(receiver ? { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } : {}),
  };
  const aiCoreUrl = `http://127.0.0.1:${aiPort}`;
  const backendUrl = `http://127.0.0.1:${bePort}`;
  const aiCore = spawnService('ai-core', dataDir, { ...common, PORT: String(aiPort) }, config.id);
  const backend = spawnService(
    'backend',
    dataDir,
    { ...common, PORT: String(bePort), AI_CORE_URL: aiCoreUrl, RATE_LIMIT_USER_MAX: '100000000' },
    config.id,
  );
  const stack = {
    config,
    services: { backend, 'ai-core': aiCore },
    backendUrl,
    aiCoreUrl,
    aiCoreToken,
    apiKey: '',
    modelId: '',
    reportId: '',
    receiver,
    dataDir,
  };
  try {
    await Promise.all([waitHealthy(aiCore, aiCoreUrl), waitHealthy(backend, backendUrl)]);
    const password = /password: (\S+)/.exec(readFileSync(backend.logFile, 'utf8'))?.[1];
    if (!password) throw new Error(`no first-admin password printed: ${tail(backend.logFile)}`);
    return { ...stack, ...(await provisionBench(backendUrl, password, analysisBody())) };
  } catch (error) {
    await stopStack(stack);
    await disposeStack(stack);
    throw error;
  }
}

/** Every thread of every service process (and any child it started) onto `cpu`; also records the trees. */
export function pinServices(stacks: readonly Pick<Stack<StackConfig>, 'services'>[], cpu: number): void {
  for (const stack of stacks) {
    for (const service of Object.values(stack.services)) {
      service.pids = processTree(service.pid);
      if (!pin.available) continue;
      for (const pid of service.pids)
        execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
    }
  }
}

/** SIGTERM (graceful: pending spans are flushed to the receiver), SIGKILL after 20 s. */
export async function stopStack(stack: Stack<StackConfig>): Promise<void> {
  await Promise.all(Object.values(stack.services).map(({ child }) => stopService(child)));
}

export async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

export async function disposeStack(stack: Stack<StackConfig>): Promise<void> {
  await stack.receiver?.close();
  rmSync(stack.dataDir, { recursive: true, force: true });
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function parentOf(pid: string): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The process and its descendants (a service's helpers, e.g. the WAL checkpoint worker is a thread, but a child's CPU belongs to it too). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirNumeric()) {
    const parent = parentOf(entry);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  for (const queue = [root]; queue.length > 0;) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function readdirNumeric(): string[] {
  return readdirSync('/proc').filter((e) => /^\d+$/.test(e));
}

/** utime + stime of one process (all its threads), in seconds. */
function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0; // exited: its CPU is gone with it
  }
}

/** CPU seconds used so far by a service's process tree (as recorded by pinServices). */
export function serviceCpuSeconds(service: ServiceProcess): number {
  return service.pids.reduce((sum, pid) => sum + cpuOf(pid), 0);
}

/**
 * Runs `use` on fresh stacks of `configs`, started two at a time, with every service pinned to `cpu`,
 * then stops them (gracefully: pending spans reach the receivers) and removes their data, also
 * when starting or `use` fails. `use` may stop them itself to read the receivers before removal.
 */
export async function withStacks<C extends StackConfig, T>(
  configs: readonly C[],
  cpu: number,
  use: (stacks: Stack<C>[]) => Promise<T>,
): Promise<T> {
  // Two stacks at a time: ten of them compiling and migrating at once on two shared cores can
  // outlast the health deadline.
  const outcomes: PromiseSettledResult<Stack<C>>[] = [];
  for (let i = 0; i < configs.length; i += STARTING_TOGETHER) {
    outcomes.push(...(await Promise.allSettled(configs.slice(i, i + STARTING_TOGETHER).map((c) => startStack(c)))));
  }
  const stacks = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  try {
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
    pinServices(stacks, cpu);
    return await use(stacks);
  } finally {
    await Promise.all(stacks.map(stopStack));
    await Promise.all(stacks.map(disposeStack));
  }
}

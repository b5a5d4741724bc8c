/**
 * Server CPU per request on the backend's hot paths, against a bare Fastify hello-world measured
 * alternately in the same run (DESIGN §9; observability reference §5.2). On a shared, loaded
 * machine req/s says little; CPU µs per request (utime+stime of the server from /proc ÷ responses)
 * and same-round ratios to the reference are what this reports.
 *
 *   node tools/bench/src/pipeline-profile.ts [--rounds 3] [--duration 5] [--connections 16]
 *        [--routes health,me,evaluate] [--configs warn,nometrics] [--cpu-prof] [--compare DIR]
 *        [--keep-profiles DIR]
 *
 * Configs (each a backend process with its own env; all get a fresh SQLite data dir):
 *   warn       LOG_LEVEL=warn, ETHIXAI_METRICS=true, tracing off (what bench:evaluate runs)
 *   info       LOG_LEVEL=info (one request-completed line per request, the default level)
 *   nometrics  LOG_LEVEL=warn, ETHIXAI_METRICS=false
 *   silent     LOG_LEVEL=silent, ETHIXAI_METRICS=false (observability knobs all off)
 *   tracing    LOG_LEVEL=warn, ETHIXAI_TRACING=true (100 % sampled, no exporter endpoint)
 *   production the goals' configuration (bench-observability.ts): metrics, info logs, tracing at
 *              10 % exported over OTLP/HTTP to a counting receiver in this process
 *   off        bench-observability.ts's reference: no metrics, warn logs, no tracing
 * Routes: health (GET /health), me (GET /v1/auth/me, X-API-Key), evaluate (POST /v1/evaluate,
 * one decision, unique id per request), reports (GET /v1/reports/:id; starts ai-core on cpu1 to
 * create the report). --cpu-prof profiles every backend and prints its top self-time frames;
 * --keep-profiles DIR copies the .cpuprofile files there (open them in Chrome DevTools).
 * --compare DIR[,DIR…] also runs each config from the checkouts in DIR (labelled by the folder's
 * name). Give each the root tsconfig.json too: tsx compiles by it, and without it code generation
 * differs (and so does CPU per request), e.g.
 *   mkdir /tmp/before && git archive COMMIT services/backend tsconfig.json | tar -x -C /tmp/before && ln -s $PWD/node_modules /tmp/before/
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { SERVICE_NODE_FLAGS } from '@ethixai/service-kit/node-flags';
import { benchObservability } from './bench-observability.ts';
import { summariseProfile } from './cpu-profile-summary.ts';
import {
  cpuSeconds,
  freePort,
  mainThreadCpuSeconds,
  pin,
  request as httpRequest,
  startPinned,
  stopChild as stop,
  type BenchProcess,
} from './evaluate-bench-support.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const { values: opt } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    routes: { type: 'string', default: 'health,me,evaluate' },
    configs: { type: 'string', default: 'warn' },
    'cpu-prof': { type: 'boolean', default: false },
    compare: { type: 'string' },
    'keep-profiles': { type: 'string' },
  },
});
const ROUNDS = Number(opt.rounds);
const DURATION = Number(opt.duration);
const CONNECTIONS = Number(opt.connections);
const ROUTES = opt.routes!.split(',');
const CONFIG_ENV: Record<string, Record<string, string>> = {
  warn: { LOG_LEVEL: 'warn', ETHIXAI_METRICS: 'true', ETHIXAI_TRACING: 'false' },
  info: { LOG_LEVEL: 'info', ETHIXAI_METRICS: 'true', ETHIXAI_TRACING: 'false' },
  nometrics: { LOG_LEVEL: 'warn', ETHIXAI_METRICS: 'false', ETHIXAI_TRACING: 'false' },
  silent: { LOG_LEVEL: 'silent', ETHIXAI_METRICS: 'false', ETHIXAI_TRACING: 'false' },
  tracing: { LOG_LEVEL: 'warn', ETHIXAI_METRICS: 'true', ETHIXAI_TRACING: 'true' },
};
const production = await benchObservability('production');
CONFIG_ENV.production = production.env;
CONFIG_ENV.off = (await benchObservability('off')).env;
const CONFIGS = opt.configs!.split(',');
for (const c of CONFIGS)
  if (!CONFIG_ENV[c]) throw new Error(`--configs: unknown "${c}" (known: ${Object.keys(CONFIG_ENV).join(', ')})`);

type Proc = BenchProcess;

// Children never outlive this process, whatever fails during setup.
const started: ChildProcess[] = [];
process.on('exit', () => {
  for (const c of started) if (c.exitCode === null) c.kill('SIGKILL');
});

async function start(
  cpu: number,
  args: string[],
  env: Record<string, string>,
  healthUrl: string,
  cwd = ROOT,
): Promise<Proc> {
  const proc = await startPinned(cpu, args, env, healthUrl, { cwd, timeoutMs: 90_000 });
  started.push(proc.child);
  return proc;
}

interface Sample {
  cpuUsPerReq: number;
  mainUsPerReq: number;
  reqPerSec: number;
  responses: number;
  bad: number;
}

async function measure(pid: number, opts: autocannon.Options, expected: number): Promise<Sample> {
  let responses = 0;
  let bad = 0;
  const before = cpuSeconds(pid);
  const mainBefore = mainThreadCpuSeconds(pid);
  const instance = autocannon({ connections: CONNECTIONS, duration: DURATION, pipelining: 1, ...opts });
  instance.on('response', (_c: unknown, status: number) => {
    responses += 1;
    if (status !== expected) bad += 1;
  });
  const result = await instance;
  const cpu = cpuSeconds(pid) - before;
  const main = mainThreadCpuSeconds(pid) - mainBefore;
  return {
    cpuUsPerReq: (cpu * 1e6) / responses,
    mainUsPerReq: (main * 1e6) / responses,
    reqPerSec: result.requests.average,
    responses,
    bad,
  };
}

interface Target {
  name: string;
  pid: number;
  opts: autocannon.Options;
  expected: number;
}

async function backendTargets(
  config: string,
  aiCoreUrl: string | undefined,
  aiToken: string,
  root = ROOT,
  label = config,
): Promise<{ proc: Proc; targets: Target[]; dataDir: string; profDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ethixai-pipeline-'));
  const profDir = join(dataDir, 'prof');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const node = opt['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [];
  const proc = await start(
    0,
    [...SERVICE_NODE_FLAGS, ...node, 'services/backend/src/server.ts'],
    {
      ETHIXAI_PROFILE: 'development',
      DATA_DIR: dataDir,
      PORT: String(port),
      RATE_LIMIT_USER_MAX: '100000000',
      AI_CORE_TOKEN: aiToken,
      ...(aiCoreUrl ? { AI_CORE_URL: aiCoreUrl } : {}),
      ...CONFIG_ENV[config],
    },
    `${base}/health`,
    root,
  );
  const password = /password: (\S+)/.exec(proc.out())?.[1];
  if (!password) throw new Error(`no first-admin password printed: ${proc.out()}`);
  const login = await httpRequest(base, 'POST', '/v1/auth/login', { email: 'admin@ethixai.local', password });
  const bearer = { authorization: `Bearer ${login.accessToken}` };
  const key = await httpRequest(
    base,
    'POST',
    '/v1/api-keys',
    { name: 'bench', role: 'analyst', rateLimitPerMinute: 10_000_000 },
    bearer,
  );
  const apiKey = { 'x-api-key': key.secret as string };
  const pid = proc.child.pid!;
  const targets: Target[] = [];
  for (const route of ROUTES) {
    const name = `${label} ${route}`;
    if (route === 'health') targets.push({ name, pid, opts: { url: `${base}/health` }, expected: 200 });
    else if (route === 'me')
      targets.push({ name, pid, opts: { url: `${base}/v1/auth/me`, headers: apiKey }, expected: 200 });
    else if (route === 'evaluate') {
      const model = await httpRequest(
        base,
        'POST',
        '/v1/models',
        {
          name: 'bench',
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
      targets.push({
        name,
        pid,
        opts: {
          url: `${base}/v1/evaluate`,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...apiKey },
          body,
          idReplacement: true,
        },
        expected: 201,
      });
    } else if (route === 'reports') {
      if (!aiCoreUrl) throw new Error('reports needs ai-core');
      const rows = Array.from({ length: 200 }, (_, i) => ({
        sex: i % 2 ? 'F' : 'M',
        label: i % 3 === 0 ? 1 : 0,
        pred: i % 5 < 2 ? 1 : 0,
      }));
      const report = await httpRequest(
        base,
        'POST',
        '/v1/analyses',
        { config: { label: 'label', prediction: 'pred', sensitive: ['sex'] }, data: { rows } },
        apiKey,
      );
      targets.push({ name, pid, opts: { url: `${base}/v1/reports/${report.id}`, headers: apiKey }, expected: 200 });
    } else throw new Error(`--routes: unknown "${route}"`);
  }
  return { proc, targets, dataDir, profDir };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main(): Promise<void> {
  pin.self(1);
  const load = loadavg();
  const refPort = await freePort();
  const reference = await start(
    0,
    [
      '--input-type=module',
      '-e',
      `import F from 'fastify'; const a = F(); a.get('/', async () => ({ ok: true })); await a.listen({ port: ${refPort}, host: '127.0.0.1' });`,
    ],
    {},
    `http://127.0.0.1:${refPort}/`,
  );
  const aiToken = randomBytes(32).toString('base64url');
  let aiCore: Proc | undefined;
  let aiCoreUrl: string | undefined;
  if (ROUTES.includes('reports')) {
    const aiPort = await freePort();
    aiCoreUrl = `http://127.0.0.1:${aiPort}`;
    aiCore = await start(
      1,
      ['services/ai-core/src/server.ts'],
      { ETHIXAI_PROFILE: 'development', PORT: String(aiPort), AI_CORE_TOKEN: aiToken, LOG_LEVEL: 'warn' },
      `${aiCoreUrl}/health`,
    );
  }
  const backends = [];
  for (const c of CONFIGS) {
    // --compare DIR[,DIR2]: the same config from other checkouts (e.g. the commit before a change).
    for (const dir of opt.compare?.split(',') ?? [])
      backends.push(await backendTargets(c, aiCoreUrl, aiToken, resolve(dir), `${basename(dir)}:${c}`));
    backends.push(await backendTargets(c, aiCoreUrl, aiToken));
  }
  const ref: Target = {
    name: 'reference: bare Fastify GET /',
    pid: reference.child.pid!,
    opts: { url: `http://127.0.0.1:${refPort}/` },
    expected: 200,
  };
  const targets = [ref, ...backends.flatMap((b) => b.targets)];
  const samples = new Map<string, Sample[]>(targets.map((t) => [t.name, []]));
  const ratios = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  const measuringFromUs = Number(process.hrtime.bigint() / 1000n);
  try {
    for (const t of targets) await measure(t.pid, { ...t.opts, duration: 2 }, t.expected); // warm-up (JIT, caches)
    for (let round = 0; round < ROUNDS; round++) {
      // Reference before and after every target, so each ratio compares adjacent minutes.
      let refBefore = await measure(ref.pid, ref.opts, ref.expected);
      samples.get(ref.name)!.push(refBefore);
      for (const t of targets.slice(1)) {
        const s = await measure(t.pid, t.opts, t.expected);
        const refAfter = await measure(ref.pid, ref.opts, ref.expected);
        samples.get(t.name)!.push(s);
        samples.get(ref.name)!.push(refAfter);
        ratios.get(t.name)!.push(s.cpuUsPerReq / ((refBefore.cpuUsPerReq + refAfter.cpuUsPerReq) / 2));
        refBefore = refAfter;
      }
      process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
    }
  } finally {
    for (const b of backends) await stop(b.proc.child);
    await stop(reference.child);
    if (aiCore) await stop(aiCore.child);
    await production.close();
  }
  console.log(
    `\npipeline profile — ${new Date().toISOString()}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  );
  console.log(
    pin.available
      ? 'cores: servers on cpu0, load generator (this process) and ai-core on cpu1 (taskset)'
      : 'cores: no taskset',
  );
  console.log(
    `load average at start ${load.map((l) => l.toFixed(1)).join(' ')}, at end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `${ROUNDS} rounds × ${DURATION} s per target, ${CONNECTIONS} connections, closed loop; configs: ${CONFIGS.map((c) => `${c}=${JSON.stringify(CONFIG_ENV[c])}`).join(' ')}\n`,
  );
  console.log(
    '| target | process CPU µs/req median [min–max] | main thread µs/req | ratio to reference (median of adjacent pairs) | req/s median | responses | non-expected statuses |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const t of targets) {
    const s = samples.get(t.name)!;
    const cpu = s.map((x) => x.cpuUsPerReq);
    const r = ratios.get(t.name)!;
    console.log(
      `| ${t.name} | ${median(cpu).toFixed(1)} [${Math.min(...cpu).toFixed(1)}–${Math.max(...cpu).toFixed(1)}] | ${median(s.map((x) => x.mainUsPerReq)).toFixed(1)} | ${r.length ? `${median(r).toFixed(2)}× [${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)}]` : '1'} | ${Math.round(median(s.map((x) => x.reqPerSec)))} | ${s.reduce((a, x) => a + x.responses, 0)} | ${s.reduce((a, x) => a + x.bad, 0)} |`,
    );
    if (s.some((x) => x.bad > 0)) process.exitCode = 1;
  }
  if (opt['cpu-prof']) {
    for (const b of backends) {
      const files = readdirSync(b.profDir).filter((f) => f.endsWith('.cpuprofile'));
      if (opt['keep-profiles']) {
        mkdirSync(opt['keep-profiles'], { recursive: true });
        for (const f of files)
          copyFileSync(join(b.profDir, f), join(opt['keep-profiles'], `${b.targets[0]?.name.split(' ')[0]}-${f}`));
      }
      for (const f of files)
        console.log(
          `\n### CPU profile, ${b.targets[0]?.name.split(' ')[0]} (${f})\n\n${summariseProfile(JSON.parse(readFileSync(join(b.profDir, f), 'utf8')), measuringFromUs, 40, ROOT)}`,
        );
    }
  }
  for (const b of backends) rmSync(b.dataDir, { recursive: true, force: true });
}

await main();

/**
 * npm run stress -- <scenario|all|FILE.json>... [options]
 * npm run stress -- analyze RESULT.json... --slo FILE [--fail-on-slo-violation]
 * npm run stress -- record RESULT.json...   (the recorded baseline: docs, README badges)
 * npm run stress -- list
 *
 * Runs scenarios (tools/stress/scenarios/*.json) against both services, started here from this
 * checkout (default) or already running on this machine (--backend URL --ai-core URL --email E
 * --password P, optionally --backend-pid/--ai-core-pid for CPU and RSS). Each run writes
 * OUT/<scenario>.json and OUT/<scenario>.html and prints a summary. Exit status: 1 when a run
 * failed on its own terms (unexpected statuses, memory growth) or, with --fail-on-slo-violation,
 * when an SLO of the --slo file is violated (each violated SLO is named).
 *
 * Options: --out DIR (stress-results) --slo FILE (tools/stress/slo/default.json with --fail-on-slo-violation)
 *   --metrics-token-file FILE (bearer token for /metrics) --scale F (multiplies every phase's length)
 *   --cpu-prof DIR (services started here run with --cpu-prof; their profiles are summarised after the run)
 *   --database-url postgres://… (the backends' store; default SQLite) --replicas N (backends and ai-cores each, PostgreSQL only)
 *   --metrics-port P (serve the run as Prometheus metrics on GET /metrics while it runs; 0: any free port)
 *   --metrics-host H (127.0.0.1; 0.0.0.0 when a containerised Prometheus scrapes the host)
 *   --metrics-linger S (10: seconds /metrics stays up after the last run, for the final scrapes)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { summariseProfile, type CpuProfile } from '@ethixai/bench/cpu-profile';
import { dirname, join, resolve } from 'node:path';
import { BASELINE_FILE, summariseRun } from './baseline.ts';
import { writeBaselineArtefacts } from './baseline-doc.ts';
import { parseArgs } from 'node:util';
import { renderHtmlReport } from './html-report.ts';
import type { RunResult } from './result.ts';
import { runScenario } from './run-scenario.ts';
import { loadScenario, scenarioNames, type Scenario } from './scenario.ts';
import { checkSlos, describeViolation, loadSloFile, type SloCheck } from './slo.ts';
import { attachStack, REPO_ROOT, startStack } from './stack.ts';
import { summaryTable } from './summary.ts';
import { ALL_SCENARIOS } from './profiles.ts';
import { LiveMetrics } from './live-metrics.ts';

const DEFAULT_SLO = resolve(import.meta.dirname, '../slo/default.json');

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', default: 'stress-results' },
    slo: { type: 'string' },
    'fail-on-slo-violation': { type: 'boolean', default: false },
    'metrics-token-file': { type: 'string' },
    scale: { type: 'string', default: '1' },
    backend: { type: 'string' },
    'ai-core': { type: 'string' },
    email: { type: 'string', default: 'admin@ethixai.local' },
    password: { type: 'string' },
    'backend-pid': { type: 'string' },
    'ai-core-pid': { type: 'string' },
    'cpu-prof': { type: 'string' },
    replicas: { type: 'string', default: '1' },
    'database-url': { type: 'string' },
    'metrics-port': { type: 'string' },
    'metrics-host': { type: 'string', default: '127.0.0.1' },
    'metrics-linger': { type: 'string', default: '10' },
  },
});

function numberOption(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n > max)
    throw new Error(`--${name}: expected a number from 0 to ${max}, got "${value}"`);
  return n;
}

/** With --metrics-port: the run's live metrics, served until the runs are over and the linger is spent. */
async function startLiveMetrics(): Promise<LiveMetrics | undefined> {
  if (opt['metrics-port'] === undefined) return undefined;
  const port = numberOption('metrics-port', opt['metrics-port'], 65_535);
  if (!Number.isInteger(port))
    throw new Error(`--metrics-port: expected a whole port number, got "${opt['metrics-port']}"`);
  const live = new LiveMetrics();
  const bound = await live.listen(port, opt['metrics-host']);
  console.error(`live metrics: http://${opt['metrics-host']}:${bound}/metrics`);
  return live;
}

function scaled(s: Scenario, factor: number): Scenario {
  if (factor === 1) return s;
  if (s.kind === 'saturation') return { ...s, steps: s.steps.map((st) => ({ ...st, seconds: st.seconds * factor })) };
  return {
    ...s,
    phases: s.phases.map((p) => ({ ...p, seconds: p.seconds * factor })),
    memory: s.memory && {
      ...s.memory,
      ignoreFirstSeconds: s.memory.ignoreFirstSeconds * factor,
      sampleEverySeconds: Math.max(0.5, s.memory.sampleEverySeconds * factor),
    },
  };
}

/** With --cpu-prof: each service writes its V8 CPU profile into DIR/<scenario>/<service> when it stops. */
function profileArgs(scenario: string): { backendNodeArgs?: string[]; aiCoreNodeArgs?: string[] } {
  if (!opt['cpu-prof']) return {};
  const dir = (service: string) => ['--cpu-prof', '--cpu-prof-dir', resolve(opt['cpu-prof']!, scenario, service)];
  return { backendNodeArgs: dir('backend'), aiCoreNodeArgs: dir('ai-core') };
}

function profileSummary(scenario: string, fromUs: number): string {
  const parts: string[] = [];
  for (const service of ['backend', 'ai-core']) {
    const dir = resolve(opt['cpu-prof']!, scenario, service);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
      parts.push(
        `#### CPU profile of ${service} during the load (${join(dir, file)})\n\n${summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, fromUs, 25, REPO_ROOT)}`,
      );
    }
  }
  const text = parts.join('\n\n');
  writeFileSync(resolve(opt['cpu-prof']!, scenario, 'summary.md'), `${text}\n`);
  return text;
}

function judge(
  runs: RunResult[],
  sloFile: string | undefined,
  failOnSlo: boolean,
): { checks: Map<RunResult, SloCheck[]>; exit: number } {
  const slos = sloFile ? loadSloFile(sloFile) : undefined;
  const checks = new Map(runs.map((r) => [r, slos ? checkSlos(r, slos) : []]));
  let exit = 0;
  for (const run of runs) {
    for (const f of run.failures) {
      console.error(`FAILED ${run.scenario.name}: ${f}`);
      exit = 1;
    }
    for (const c of checks.get(run)!.filter((x) => !x.met)) {
      console.error(describeViolation(c));
      if (failOnSlo) exit = 1;
    }
  }
  return { checks, exit };
}

async function analyze(files: string[]): Promise<number> {
  if (files.length === 0) throw new Error('analyze: give the result JSON file(s) of a run');
  if (!opt.slo) throw new Error('analyze: --slo FILE is required');
  const runs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as RunResult);
  const { checks, exit } = judge(runs, opt.slo, opt['fail-on-slo-violation']);
  for (const run of runs) {
    const c = checks.get(run)!;
    console.log(`${run.scenario.name}: ${c.filter((x) => x.met).length} of ${c.length} SLO checks met`);
  }
  return exit;
}

async function run(names: string[]): Promise<number> {
  const scenarios = names
    .flatMap((n) => (n === 'all' ? ALL_SCENARIOS : [n]))
    .map((n) => scaled(loadScenario(n), Number(opt.scale)));
  const out = resolve(opt.out!);
  mkdirSync(out, { recursive: true });
  const sloFile = opt.slo ?? (opt['fail-on-slo-violation'] ? DEFAULT_SLO : undefined);
  const runs: RunResult[] = [];
  const linger = numberOption('metrics-linger', opt['metrics-linger']!, 3_600);
  const live = await startLiveMetrics();
  try {
    await runAll(scenarios, out, sloFile, runs, live);
  } finally {
    if (live) {
      // The last scrapes must see the final counts before the target disappears.
      await new Promise((resolve) => setTimeout(resolve, linger * 1000));
      await live.close();
    }
  }
  return judge(runs, sloFile, opt['fail-on-slo-violation']).exit;
}

async function runAll(
  scenarios: Scenario[],
  out: string,
  sloFile: string | undefined,
  runs: RunResult[],
  live: LiveMetrics | undefined,
): Promise<void> {
  for (const scenario of scenarios) {
    const external = opt.backend !== undefined;
    if (external && (!opt['ai-core'] || !opt.password))
      throw new Error('--backend needs --ai-core and --password (of the admin given by --email)');
    const stack = external
      ? attachStack({
          backend: opt.backend!,
          aiCore: opt['ai-core']!,
          login: { email: opt.email!, password: opt.password! },
          backendPid: opt['backend-pid'] ? Number(opt['backend-pid']) : undefined,
          aiCorePid: opt['ai-core-pid'] ? Number(opt['ai-core-pid']) : undefined,
        })
      : await startStack({
          env: { ...scenario.env, ...(opt['database-url'] ? { DATABASE_URL: opt['database-url'] } : {}) },
          replicas: Number(opt.replicas),
          inspect: scenario.kind === 'open-loop' && scenario.memory !== undefined,
          ...profileArgs(scenario.name),
        });
    let result: RunResult | undefined;
    try {
      result = await runScenario(stack, scenario, {
        metricsTokenFile: opt['metrics-token-file'],
        log: (l) => process.stderr.write(`${l}\n`),
        live,
      });
      runs.push(result);
      const slos = sloFile ? checkSlos(result, loadSloFile(sloFile)) : [];
      writeFileSync(join(out, `${scenario.name}.json`), `${JSON.stringify(result, null, 1)}\n`);
      writeFileSync(join(out, `${scenario.name}.html`), renderHtmlReport(result, slos));
      console.log(summaryTable(result));
      console.log(`wrote ${join(out, `${scenario.name}.json`)} and .html\n`);
    } finally {
      await stack.stop();
    }
    if (opt['cpu-prof'] && result) console.log(profileSummary(scenario.name, result.loadStartMonotonicUs));
  }
}

/** Records the given runs as the baseline and regenerates its badges and docs section. */
function record(files: string[]): number {
  if (files.length === 0) throw new Error('record: give the result JSON file(s) of the runs to record');
  const runs = files.map((f) => summariseRun(JSON.parse(readFileSync(f, 'utf8')) as RunResult));
  mkdirSync(dirname(BASELINE_FILE), { recursive: true });
  writeFileSync(BASELINE_FILE, `${JSON.stringify(runs, null, 1)}\n`);
  for (const file of [BASELINE_FILE, ...writeBaselineArtefacts()]) console.log(`wrote ${file}`);
  return 0;
}

const [command, ...rest] = positionals;
if (command === undefined) {
  console.error(
    `usage: npm run stress -- <scenario|all>... | analyze RESULT.json --slo FILE | list\nscenarios: ${scenarioNames().join(', ')}`,
  );
  process.exitCode = 2;
} else if (command === 'list') {
  for (const n of scenarioNames()) console.log(`${n}: ${loadScenario(n).description}`);
} else {
  process.exitCode =
    command === 'analyze' ? await analyze(rest) : command === 'record' ? record(rest) : await run(positionals);
}

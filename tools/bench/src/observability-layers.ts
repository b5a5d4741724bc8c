/**
 * npm run bench:observability-layers — what each observability layer adds on the evaluate path,
 * one knob at a time: off, metrics, logs, metrics+logs, tracing at 0 % (ids only, nothing
 * sampled), 10 % and 100 %. One stack per layer (real ai-core + backend processes, development
 * profile), all pinned to cpu0 and the load generator to cpu1, as in bench:observability. Each
 * round starts fresh stacks, warms each (--stack-warmup S, default 6), then visits every layer
 * (order reversed every other round): 1.5 s warm-up, then a closed-loop max run. The figures are
 * backend CPU per request (/proc) and, where metrics are on, the backend's GC pause time per
 * request (`nodejs_gc_duration_seconds`), medians over rounds. Absolute values move with the
 * machine; read the differences within one run.
 * Options: --rounds N (default 3) --seconds S (max run, default 4) --stack-warmup S --layers a,b,c (ids below)
 *          --replicas N (default 1): N stacks per layer, each its own row, to see how far two processes
 *          of the same configuration differ
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { definePaths, measure } from './observability-load.ts';
import { spread } from './observability-report.ts';
import { withStacks, type Stack, type StackConfig } from './observability-stack.ts';

const OFF = { ETHIXAI_METRICS: 'false', LOG_LEVEL: 'warn', ETHIXAI_TRACING: 'false' };
const FULL = { ETHIXAI_METRICS: 'true', LOG_LEVEL: 'info' };
const traced = (ratio: number): StackConfig => ({ id: `tracing ${ratio * 100}%`, env: { ...FULL, ETHIXAI_TRACING: 'true', OTEL_TRACES_SAMPLER_RATIO: String(ratio) }, sampleRatio: ratio });
const LAYERS: readonly StackConfig[] = [
  { id: 'off', env: OFF },
  { id: 'metrics', env: { ...OFF, ETHIXAI_METRICS: 'true' } },
  { id: 'logs', env: { ...OFF, LOG_LEVEL: 'info' } },
  { id: 'metrics+logs', env: { ...FULL, ETHIXAI_TRACING: 'false' } },
  traced(0),
  traced(0.1),
  traced(1),
];

const { values: opt } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, seconds: { type: 'string', default: '4' }, 'stack-warmup': { type: 'string', default: '6' }, replicas: { type: 'string', default: '1' }, layers: { type: 'string' } } });
const rounds = Number(opt.rounds);
const seconds = Number(opt.seconds);
const stackWarmup = Number(opt['stack-warmup']);
const replicas = Number(opt.replicas);
if (!(Number.isInteger(rounds) && rounds >= 1)) throw new Error(`--rounds must be a whole number >= 1, got ${opt.rounds}`);
if (!(seconds > 0 && seconds <= 600)) throw new Error(`--seconds must be in (0, 600], got ${opt.seconds}`);
if (!(Number.isInteger(replicas) && replicas >= 1 && replicas <= 6)) throw new Error(`--replicas must be a whole number from 1 to 6, got ${opt.replicas}`);
if (!(stackWarmup > 0 && stackWarmup <= 600)) throw new Error(`--stack-warmup must be in (0, 600], got ${opt['stack-warmup']}`);
const wanted = opt.layers?.split(',') ?? LAYERS.map((l) => l.id);
const unknown = wanted.filter((id) => !LAYERS.some((l) => l.id === id));
if (unknown.length > 0) throw new Error(`--layers: unknown ${unknown.join(', ')} (${LAYERS.map((l) => l.id).join(', ')})`);
if (!wanted.includes('off')) wanted.unshift('off');

async function main(): Promise<void> {
  execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const evaluate = definePaths().evaluate;
  const cpu = new Map<string, number[]>();
  const gc = new Map<string, number[]>();
  // Fresh stacks every round (see bench:observability): a process's own luck is one draw per round.
  for (let round = 0; round < rounds; round += 1) {
    const configs = LAYERS.filter((l) => wanted.includes(l.id))
      .flatMap((layer) => Array.from({ length: replicas }, (_, k) => ({ ...layer, id: replicas === 1 ? layer.id : `${layer.id} #${k + 1}` })));
    await withStacks(configs, 0, async (stacks) => {
      for (const stack of stacks) await measure(stack, evaluate, 'warmup', stackWarmup);
      for (const stack of round % 2 === 0 ? stacks : [...stacks].reverse()) {
        await measure(stack, evaluate, 'warmup', 1.5);
        const gcBefore = await gcSeconds(stack);
        const run = await measure(stack, evaluate, 'max', seconds);
        if (run.failures > 0) throw new Error(`${stack.config.id}: ${run.failures} failed requests`);
        const gcAfter = await gcSeconds(stack);
        cpu.set(stack.config.id, [...(cpu.get(stack.config.id) ?? []), run.cpuUsPerReqTotal]);
        gc.set(stack.config.id, [...(gc.get(stack.config.id) ?? []), ((gcAfter - gcBefore) * 1e6) / run.responses]);
      }
    });
  }
  const median = (xs: number[]) => spread(xs).median;
  // With replicas, "off" is the median over every off stack's rounds.
  const off = median([...cpu].filter(([id]) => id === 'off' || id.startsWith('off #')).flatMap(([, xs]) => xs));
  console.log(`\nevaluate path, backend CPU µs per request at max throughput (${rounds} rounds × ${seconds} s; ${new Date().toISOString()})\n`);
  console.log('| layer | median | added vs off | per round | GC pause µs per request (median; metrics layers only) |');
  console.log('|---|---|---|---|---|');
  for (const [id, xs] of cpu) {
    const added = median(xs) - off;
    const gcUs = median(gc.get(id)!);
    console.log(`| ${id} | ${median(xs).toFixed(1)} | ${id === 'off' && replicas === 1 ? '–' : `${added >= 0 ? '+' : ''}${added.toFixed(1)}`} | ${xs.map((x) => x.toFixed(0)).join(', ')} | ${Number.isNaN(gcUs) ? '–' : gcUs.toFixed(1)} |`);
  }
}

/** The backend's total GC pause time so far (prom-client's `nodejs_gc_duration_seconds`), NaN when metrics are off. */
async function gcSeconds(stack: Stack<StackConfig>): Promise<number> {
  const text = await fetch(`${stack.backendUrl}/metrics`).then((r) => (r.ok ? r.text() : ''), () => '');
  const sums = [...text.matchAll(/^nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm)].map((m) => Number(m[1]));
  return sums.length === 0 ? Number.NaN : sums.reduce((a, b) => a + b, 0);
}

await main();

/**
 * npm run bench:observability-sampling — what the sampled share of requests costs, measured inside
 * one backend process so that nothing but the sampling differs. Comparing two stacks also compares
 * two processes, and two processes of the same configuration differ by several % of CPU per request
 * (JIT decisions, heap layout); that is as large as the effect. Here one tracing stack (real
 * ai-core + backend, development profile, backend on cpu0, load generator on cpu1) serves the
 * evaluate path in alternating slices that differ only in the caller's `traceparent` flags, which
 * the backend's parent-based sampler obeys:
 *   unsampled     every request carries a traceparent with flags 00 (ids only, no span)
 *   sampled 10%   one request in ten carries flags 01 (a span, its export), the rest 00
 *   sampled 100%  every request carries flags 01
 * Figures: backend CPU µs per request at max throughput, median over slices; the sampled share's
 * cost is the difference to "unsampled" in the same process. --stacks K repeats it on K fresh
 * stacks, one after the other.
 * Options: --slices N per mode and stack (default 12) --seconds S per slice (default 1.5; short slices pair
 *          the modes closely in time, so a burst of noise on this shared machine hits all three) --stacks K (default 2)
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { definePaths, measure, type PathDef } from './observability-load.ts';
import { spread } from './observability-report.ts';
import { CONFIGS, withStacks } from './observability-stack.ts';

const { values: opt } = parseArgs({ options: { slices: { type: 'string', default: '12' }, seconds: { type: 'string', default: '1.5' }, stacks: { type: 'string', default: '2' } } });
const slices = Number(opt.slices);
const seconds = Number(opt.seconds);
const stackCount = Number(opt.stacks);
if (!(Number.isInteger(slices) && slices >= 1)) throw new Error(`--slices must be a whole number >= 1, got ${opt.slices}`);
if (!(Number.isInteger(stackCount) && stackCount >= 1)) throw new Error(`--stacks must be a whole number >= 1, got ${opt.stacks}`);
if (!(seconds > 0 && seconds <= 600)) throw new Error(`--seconds must be in (0, 600], got ${opt.seconds}`);

const MODES = [
  { id: 'unsampled', share: 0 },
  { id: 'sampled 10%', share: 0.1 },
  { id: 'sampled 100%', share: 1 },
] as const;

/** The evaluate path, each request with a caller `traceparent` sampled with probability `share`. */
function withCallerTrace(path: PathDef, share: number): PathDef {
  return {
    ...path,
    target: (stack) => {
      const target = path.target(stack);
      const base = target.headers as Record<string, string>;
      return {
        ...target,
        headers: () => {
          const flags = Math.random() < share ? '01' : '00';
          return { ...base, traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-${flags}` };
        },
      };
    },
  };
}

async function main(): Promise<void> {
  execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const evaluate = definePaths().evaluate;
  const paths = MODES.map((mode) => ({ mode, path: withCallerTrace(evaluate, mode.share) }));
  const cpu = new Map<string, number[]>(MODES.map((m) => [m.id, []]));
  const added = new Map<string, number[]>(MODES.map((m) => [m.id, []]));
  for (let s = 0; s < stackCount; s += 1) {
    await withStacks([CONFIGS.find((c) => c.id === 'tracing 10%')!], 0, async ([stack]) => {
      for (const { path } of paths) await measure(stack, path, 'warmup', 3);
      for (let slice = 0; slice < slices; slice += 1) {
        const us = new Map<string, number>();
        for (const { mode, path } of slice % 2 === 0 ? paths : [...paths].reverse()) {
          const run = await measure(stack, path, 'max', seconds);
          if (run.failures > 0) throw new Error(`${mode.id}: ${run.failures} failed requests`);
          us.set(mode.id, run.cpuUsPerReqTotal);
          cpu.get(mode.id)!.push(run.cpuUsPerReqTotal);
        }
        for (const mode of MODES) added.get(mode.id)!.push(us.get(mode.id)! - us.get('unsampled')!);
      }
    });
  }
  const median = (xs: number[]) => spread(xs).median;
  const perSampled = median(added.get('sampled 100%')!);
  console.log(`\nevaluate path, one tracing backend per stack, caller-decided sampling (${stackCount} stacks × ${slices} slices × ${seconds} s; ${new Date().toISOString()})\n`);
  console.log('| mode | backend CPU µs/request (median) | added vs unsampled, same slice (median [min–max]) |');
  console.log('|---|---|---|');
  for (const mode of MODES) {
    const a = spread(added.get(mode.id)!);
    console.log(`| ${mode.id} | ${median(cpu.get(mode.id)!).toFixed(1)} | ${mode.share === 0 ? '–' : `${a.median >= 0 ? '+' : ''}${a.median.toFixed(1)} [${a.min.toFixed(1)}–${a.max.toFixed(1)}]`} |`);
  }
  console.log(`\nA sampled request costs ${perSampled.toFixed(1)} µs more than an unsampled one (100 % vs unsampled); at 10 % that predicts +${(perSampled / 10).toFixed(1)} µs per request, measured ${median(added.get('sampled 10%')!).toFixed(1)}.`);
}

await main();

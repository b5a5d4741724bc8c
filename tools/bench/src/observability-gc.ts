/**
 * npm run bench:observability-gc — what each configuration of bench:observability does to the
 * garbage collector on the evaluate path: bytes allocated per request, and what each young-
 * generation collection (scavenge) finds still live and must copy. A scavenge's pause grows with
 * what survives it, so anything a configuration keeps alive across requests (pending log lines,
 * spans waiting for export) is paid at every scavenge.
 *
 * Per configuration and host (--hosts K rounds, configurations in rotated order): a fresh backend
 * process (the paired bench's host, one app) runs under `--trace-gc-nvp`; after --stack-warmup S
 * of closed-loop load, --slices N max slices of --seconds S; the trace lines written between the
 * first and the last slice are summed (gc-trace.ts). Allocation and survival are properties of
 * the code, not of the machine's state, so separate processes compare well here, unlike CPU time.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { shortGitHead } from './git-head.ts';
import { checkHostRunOptions } from './host-run-options.ts';
import { addGcTotals, gcTotals, type GcTotals } from './gc-trace.ts';
import { definePaths, measure } from './observability-load.ts';
import { withPairedHost } from './observability-paired-host.ts';
import { CONFIGS } from './observability-stack.ts';

const { values: opt } = parseArgs({
  options: { hosts: { type: 'string', default: '2' }, slices: { type: 'string', default: '4' }, seconds: { type: 'string', default: '3' }, 'stack-warmup': { type: 'string', default: '4' } },
});
const { hosts: HOSTS, slices: SLICES, seconds: SECONDS, stackWarmup: STACK_WARMUP } = checkHostRunOptions(opt);

function readRange(file: string, from: number, to: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(to - from);
    const n = readSync(fd, buffer, 0, buffer.length, from);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

async function main(): Promise<void> {
  execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  process.env.BENCH_SERVICE_NODE_FLAGS = `${process.env.BENCH_SERVICE_NODE_FLAGS ?? ''} --trace-gc-nvp`.trim();
  const evaluate = definePaths().evaluate;
  const started = new Date();
  const totals = new Map<string, { requests: number; gc: GcTotals }>();
  for (let host = 0; host < HOSTS; host += 1) {
    for (let k = 0; k < CONFIGS.length; k += 1) {
      const config = CONFIGS[(k + host) % CONFIGS.length]!;
      await withPairedHost([config], 0, async ([stack]) => {
        await measure(stack!, evaluate, 'warmup', STACK_WARMUP);
        const log = stack!.services.backend.logFile;
        const from = statSync(log).size;
        let requests = 0;
        for (let slice = 0; slice < SLICES; slice += 1) {
          const m = await measure(stack!, evaluate, 'max', SECONDS);
          if (m.failures > 0) throw new Error(`${config.id}: ${m.failures} requests failed or got an unexpected status (${JSON.stringify(m.statuses)})`);
          requests += m.responses;
        }
        const gc = gcTotals(readRange(log, from, statSync(log).size));
        const before = totals.get(config.id);
        totals.set(config.id, before === undefined ? { requests, gc } : { requests: before.requests + requests, gc: addGcTotals(before.gc, gc) });
      });
      console.error(`[gc ${new Date().toISOString().slice(11, 19)}] host ${host + 1}/${HOSTS}: ${config.id} done`);
    }
  }
  console.log(`\nnpm run bench:observability-gc -- --hosts ${HOSTS} --slices ${SLICES} --seconds ${SECONDS}; evaluate path at max load, one fresh backend process per configuration and host; HEAD ${shortGitHead()}; ${started.toISOString()} – ${new Date().toISOString()}; node ${process.version}\n`);
  console.log('| config | requests | allocated KB/req | requests per scavenge | survived KB per scavenge | scavenge ms per scavenge | scavenge µs/req | promoted B/req | other GC µs/req |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const config of CONFIGS) {
    const t = totals.get(config.id);
    if (t === undefined || t.gc.scavenges === 0) continue;
    const { requests, gc } = t;
    console.log(`| ${config.id} | ${requests} | ${(gc.allocatedBytes / requests / 1024).toFixed(1)} | ${(requests / gc.scavenges).toFixed(0)} | ${(gc.survivedBytes / gc.scavenges / 1024).toFixed(0)} | ${(gc.scavengePauseMs / gc.scavenges).toFixed(2)} | ${((gc.scavengePauseMs * 1000) / requests).toFixed(2)} | ${(gc.promotedBytes / requests).toFixed(0)} | ${((gc.otherPauseMs * 1000) / requests).toFixed(2)} |`);
  }
}

await main();

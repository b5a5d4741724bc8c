// Per-request cost of the observability plugins on a trivial route, one server process per mode,
// modes interleaved over several rounds (the machine is shared and noisy: compare ratios within
// a round, never absolute numbers).
// Run: node packages/observability/bench/overhead-bench.ts [rounds] [seconds] [modes,comma,separated] [fixed req/s]
import { fork, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';

const MODES = (process.argv[4]?.split(',') ?? ['bare', 'metrics', 'logs', 'trace10', 'trace100']) as readonly string[];
const rounds = Number(process.argv[2] ?? 3);
const seconds = Number(process.argv[3] ?? 3);
// A fixed arrival rate keeps throughput equal across modes, so constant background work (GC,
// the event-loop-delay monitor) is spread over the same number of requests in every mode.
const rate = process.argv[5] === undefined ? undefined : Number(process.argv[5]);

async function start(mode: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(new URL('./overhead-server.ts', import.meta.url), [mode], { execArgv: [] });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  return { child, url: `http://127.0.0.1:${port}` };
}

async function measure(mode: string): Promise<{ rps: number; cpuUs: number }> {
  const { child, url } = await start(mode);
  try {
    await autocannon({ url: `${url}/items/1`, connections: 20, duration: 1 }); // warm-up
    await fetch(`${url}/__cpu`);
    const result = await autocannon({ url: `${url}/items/123`, connections: 20, duration: seconds, pipelining: 1, ...(rate ? { overallRate: rate } : {}) });
    const { cpuMicros } = (await (await fetch(`${url}/__cpu`)).json()) as { cpuMicros: number };
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${mode}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { rps: result.requests.average, cpuUs: cpuMicros / result.requests.total };
  } finally {
    child.kill();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results = new Map<string, Array<{ rps: number; cpuUs: number; ratio: number }>>();
for (let round = 0; round < rounds; round += 1) {
  const row: Record<string, { rps: number; cpuUs: number }> = {};
  for (const mode of MODES) row[mode] = await measure(mode);
  for (const mode of MODES) {
    const list = results.get(mode) ?? [];
    list.push({ ...row[mode]!, ratio: row[mode]!.rps / row.bare!.rps });
    results.set(mode, list);
  }
  console.error(`round ${round + 1}/${rounds} done`);
}
console.log('| mode | req/s (median) | CPU µs/req (median) | throughput vs bare (median of per-round ratios) |');
console.log('|---|---|---|---|');
for (const mode of MODES) {
  const list = results.get(mode)!;
  console.log(`| ${mode} | ${Math.round(median(list.map((r) => r.rps)))} | ${median(list.map((r) => r.cpuUs)).toFixed(1)} | ${median(list.map((r) => r.ratio)).toFixed(2)} |`);
}

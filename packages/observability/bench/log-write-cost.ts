// CPU per log line written to a file: sonic-boom batching 4 KB by itself (`minLength`, what
// logger.ts used first), LineBatch handing sonic-boom one chunk per 4 KB, and per 64 KB
// (logger.ts now). Same lines, same file system, alternating rounds; read the ratios. The lines
// here are flat strings in a quiet heap; log-batch-gc-cost.ts measures them next to a server's garbage.
// Run: node packages/observability/bench/log-write-cost.ts [lines per round] [rounds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { LineBatch, syncByteDestination } from '../src/line-batch.ts';

const LINES = Number(process.argv[2] ?? 200_000);
const ROUNDS = Number(process.argv[3] ?? 6);
const BATCH = 4096;
const LARGE_BATCH = 65_536;
const line = `${JSON.stringify({ level: 'info', time: new Date().toISOString(), service: 'ethixai-backend', request_id: '0f3c1b9e-1c3a-4d2f-9a77-6e1f0c9b2a11', method: 'POST', route: '/v1/evaluate', status: 201, duration_ms: 1.234, trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16), msg: 'request completed' })}\n`;
const dir = mkdtempSync(join(tmpdir(), 'ethixai-log-cost-'));

type Writer = { write(s: string): unknown; flushSync(): void };
const ways: Record<string, (file: string) => Writer> = {
  'sonic-boom minLength 4 KB': (file) => pino.destination({ dest: file, sync: true, minLength: BATCH }),
  'LineBatch 4 KB → sonic-boom': (file) => new LineBatch(syncByteDestination(file), BATCH),
  'LineBatch 64 KB → sonic-boom': (file) => new LineBatch(syncByteDestination(file), LARGE_BATCH),
};

function cpuPerLine(make: (file: string) => Writer, round: number): number {
  const out = make(join(dir, `r${round}.log`));
  for (let i = 0; i < 20_000; i += 1) out.write(line);
  const before = process.cpuUsage();
  for (let i = 0; i < LINES; i += 1) out.write(line);
  out.flushSync();
  const used = process.cpuUsage(before);
  return ((used.user + used.system) * 1000) / LINES;
}

const samples = new Map<string, number[]>(Object.keys(ways).map((k) => [k, []]));
try {
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? Object.keys(ways) : Object.keys(ways).reverse();
    for (const name of order) samples.get(name)!.push(cpuPerLine(ways[name]!, round));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`${LINES} lines of ${line.length} bytes per round, ${ROUNDS} rounds, ${new Date().toISOString()}`);
console.log('| writer | CPU ns per line (median) | per round |');
console.log('|---|---|---|');
for (const [name, xs] of samples) console.log(`| ${name} | ${median(xs).toFixed(0)} | ${xs.map((x) => x.toFixed(0)).join(', ')} |`);
const [a, b, c] = [...samples.values()].map(median);
console.log(`\nLineBatch 4 KB / sonic-boom batching: ${(b! / a!).toFixed(2)}; LineBatch 64 KB / 4 KB: ${(c! / b!).toFixed(2)}`);

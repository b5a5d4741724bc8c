// Pending log lines and the young-generation collector. A server allocates tens of KB per request
// (the evaluate path: ~40 KB, `--trace-gc-nvp`), so scavenges come every few hundred requests, and
// every line still waiting in a 64 KB batch is copied by each one. This bench writes one
// completion-like line per simulated request, built by concatenation as completion-line.ts builds
// it, next to that much short-lived garbage, through:
//   - strings joined per batch (what logger.ts did until 2026-11-27): lines pending as string trees;
//   - LineBatch (now): each line encoded into the batch's buffer as it comes.
// Alternating rounds in one process; per way: CPU per request and scavenge time per request
// (PerformanceObserver 'gc' entries of kind minor, inside the way's own time windows).
// Run: node packages/observability/bench/log-batch-gc-cost.ts [requests per round] [rounds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { LineBatch, syncByteDestination } from '../src/line-batch.ts';

const REQUESTS = Number(process.argv[2] ?? 100_000);
const ROUNDS = Number(process.argv[3] ?? 6);
const BATCH = 65_536;
const GARBAGE_OBJECTS = 1000; // ~40 KB of short-lived objects per request, as on the evaluate path
const dir = mkdtempSync(join(tmpdir(), 'ethixai-log-gc-'));

/** The earlier batch: lines kept as strings, joined once per batch. */
class JoinedStrings {
  #lines: string[] = [];
  #chars = 0;
  constructor(private readonly sink: { write(text: string): unknown; flushSync(): void }) {}
  write(line: string): void {
    this.#lines.push(line);
    this.#chars += line.length;
    if (this.#chars >= BATCH) this.flushSync();
  }
  flushSync(): void {
    if (this.#lines.length > 0) this.sink.write(this.#lines.join(''));
    this.#lines = [];
    this.#chars = 0;
  }
}

type Writer = { write(line: string): void; flushSync(): void };
const ways: Record<string, (file: string) => Writer> = {
  'strings joined per 64 KB (before)': (file) => new JoinedStrings(pino.destination({ dest: file, sync: true })),
  'LineBatch: bytes, 64 KB (now)': (file) => {
    const batch = new LineBatch(syncByteDestination(file), BATCH);
    return { write: (line) => batch.write(line), flushSync: () => batch.flushSync() };
  },
};

let keep: unknown;
function request(i: number, out: Writer): void {
  const garbage: { i: number; k: number }[] = [];
  for (let k = 0; k < GARBAGE_OBJECTS; k += 1) garbage.push({ i, k });
  keep = garbage;
  const id = (i * 2654435761 >>> 0).toString(16).padStart(8, '0');
  const line = `{"level":"info","time":"${new Date(1_700_000_000_000 + i).toISOString()}","service":"ethixai-backend","request_id":"${id}-1c3a-4d2f-9a77-6e1f0c9b2a11","method":"POST","route":"/v1/evaluate","status":${200 + (i & 1)},"duration_ms":${(i % 997) / 1000},"trace_id":"${id}${id}${id}${id}","span_id":"${id}${id}","msg":"request completed"}\n`;
  out.write(line);
}

const gcs: { start: number; duration: number }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if ((e.detail as { kind?: number } | undefined)?.kind === constants.NODE_PERFORMANCE_GC_MINOR) gcs.push({ start: e.startTime, duration: e.duration });
  }
});
observer.observe({ entryTypes: ['gc'] });

const samples = new Map(Object.keys(ways).map((k) => [k, { cpuNs: [] as number[], scavengeNs: [] as number[] }]));
try {
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? Object.keys(ways) : Object.keys(ways).reverse();
    for (const name of order) {
      const out = ways[name]!(join(dir, `r${round}.log`));
      for (let i = 0; i < 20_000; i += 1) request(i, out);
      const from = performance.now();
      const before = process.cpuUsage();
      for (let i = 0; i < REQUESTS; i += 1) request(i, out);
      out.flushSync();
      const used = process.cpuUsage(before);
      const to = performance.now();
      // Observer entries arrive asynchronously: let them in before counting this window's.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const scavengeMs = gcs.filter((g) => g.start >= from && g.start < to).reduce((sum, g) => sum + g.duration, 0);
      samples.get(name)!.cpuNs.push(((used.user + used.system) * 1000) / REQUESTS);
      samples.get(name)!.scavengeNs.push((scavengeMs * 1e6) / REQUESTS);
    }
  }
} finally {
  observer.disconnect();
  rmSync(dir, { recursive: true, force: true });
}
void keep;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`${REQUESTS} requests per round (~${GARBAGE_OBJECTS} short-lived objects and one log line each), ${ROUNDS} rounds, ${new Date().toISOString()}`);
console.log('| writer | CPU ns per request (median) | of it scavenging (median) | CPU per round |');
console.log('|---|---|---|---|');
for (const [name, s] of samples) console.log(`| ${name} | ${median(s.cpuNs).toFixed(0)} | ${median(s.scavengeNs).toFixed(0)} | ${s.cpuNs.map((x) => x.toFixed(0)).join(', ')} |`);
const [before, now] = [...samples.values()];
console.log(`\nLineBatch (bytes) / strings joined: CPU ${(median(now!.cpuNs) / median(before!.cpuNs)).toFixed(2)}, scavenging ${(median(now!.scavengeNs) / median(before!.scavengeNs)).toFixed(2)}`);

/**
 * Service time of POST /v1/analyze per stage (from Server-Timing), for a synthetic
 * N-row body (8 groups) in both JSON shapes. Usage: node services/ai-core/bench/analyze-stages.ts [N] [reps]
 * Medians only; the machine is shared, so compare shapes within one run, not across runs.
 */
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import serviceApp from '../src/app.ts';
import { loadConfig } from '../src/config/env.ts';

const rowCount = Number(process.argv[2] ?? 1000);
const reps = Number(process.argv[3] ?? 300);
const token = 'bench-token-0123456789';
const app = Fastify({ logger: false });
await app.register(fp(serviceApp), { config: loadConfig({ AI_CORE_TOKEN: token }) });
const base = await app.listen({ host: '127.0.0.1', port: 0 });

const groups = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const rows = Array.from({ length: rowCount }, (_, i) => ({
  id: i,
  group: groups[i % 8],
  age: 20 + (i % 50),
  score: (i % 97) / 97,
  label: i % 3 === 0 ? 1 : 0,
  pred: i % 5 < 2 ? 1 : 0,
}));
const columns = Object.fromEntries(
  Object.keys(rows[0]).map((key) => [key, rows.map((row) => row[key as keyof typeof row])]),
);
const config = { label: 'label', prediction: 'pred', sensitive: ['group'] };
const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1];

for (const [shape, data] of [
  ['rows', { rows }],
  ['columns', { columns }],
] as const) {
  const payload = JSON.stringify({ config, data });
  const stages = new Map<string, number[]>();
  const totals: number[] = [];
  for (let i = 0; i < reps + 50; i++) {
    const started = performance.now();
    const res = await fetch(`${base}/v1/analyze`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: payload,
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(body);
    if (i < 50) continue;
    totals.push(performance.now() - started);
    for (const part of String(res.headers.get('server-timing')).split(', ')) {
      const [stage, ms] = part.split(';dur=');
      stages.set(stage, [...(stages.get(stage) ?? []), Number(ms)]);
    }
  }
  const perStage = [...stages].map(([stage, ms]) => `${stage} ${median(ms).toFixed(3)}`).join('  ');
  console.log(
    `${shape.padEnd(8)} ${rowCount} rows, ${payload.length} bytes: ${perStage}  (HTTP round trip, client in the same process ${median(totals).toFixed(3)} ms)`,
  );
}
await app.close();

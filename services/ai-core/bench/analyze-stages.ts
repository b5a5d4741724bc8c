import Fastify from 'fastify';
import fp from 'fastify-plugin';
import serviceApp from '../src/app.ts';
import { loadConfig } from '../src/config/env.ts';

const N = Number(process.argv[2] ?? 1000);
const app = Fastify({ logger: false });
await app.register(fp(serviceApp), { config: loadConfig({ AI_CORE_TOKEN: 'x'.repeat(20) }) });
await app.ready();
const groups = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const rows = Array.from({ length: N }, (_, i) => ({ id: i, group: groups[i % 8], age: 20 + (i % 50), score: (i % 97) / 97, label: i % 3 === 0 ? 1 : 0, pred: i % 5 < 2 ? 1 : 0 }));
const config = { label: 'label', prediction: 'pred', sensitive: ['group'] };
const cols: Record<string, unknown[]> = {};
for (const k of Object.keys(rows[0])) cols[k] = rows.map((r) => (r as any)[k]);
for (const [name, body] of [['rows', JSON.stringify({ config, data: { rows } })], ['columns', JSON.stringify({ config, data: { columns: cols } })]] as const) {
  const stages: Record<string, number[]> = { ingest: [], audit: [], serialise: [] };
  let total = 0; const reps = 300;
  for (let i = 0; i < reps + 50; i++) {
    const t = performance.now();
    const res = await app.inject({ method: 'POST', url: '/v1/analyze', headers: { authorization: 'Bearer ' + 'x'.repeat(20), 'content-type': 'application/json' }, payload: body });
    if (i >= 50) { total += performance.now() - t;
      for (const part of String(res.headers['server-timing']).split(', ')) { const [s, d] = part.split(';dur='); stages[s].push(Number(d)); } }
    if (res.statusCode !== 200) { console.log(res.body); process.exit(1); }
  }
  const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1].toFixed(3);
  console.log(name, `bytes=${body.length}`, `inject mean ${(total / reps).toFixed(3)} ms`, 'ingest', med(stages.ingest), 'audit', med(stages.audit), 'serialise', med(stages.serialise), 'resp bytes', (await app.inject({ method: 'POST', url: '/v1/analyze', headers: { authorization: 'Bearer ' + 'x'.repeat(20), 'content-type': 'application/json' }, payload: body })).body.length);
}
await app.close();

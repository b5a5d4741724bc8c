/**
 * CPU time ai-core spends per POST /v1/analyze, measured from outside: ai-core runs as a real
 * process (server.ts, metrics on, tracing off, LOG_LEVEL=warn) and its utime+stime are read from
 * /proc before and after N requests sent by this process with a few in flight. On a shared
 * machine this is far steadier than req/s or latency. Prints CPU µs per request for each body
 * shape, interleaved over several rounds, plus the median.
 * Usage: node services/ai-core/bench/analyze-cpu.ts [requests=600] [rounds=3] [cpu-profile-dir]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Pool } from 'undici';

const ROOT = resolve(import.meta.dirname, '../../..');
const requests = Number(process.argv[2] ?? 600);
const rounds = Number(process.argv[3] ?? 3);
const profileDir = process.argv[4];
const token = 'bench-token-0123456789abcdef';

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const port = await new Promise<number>((res) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = server.address() as { port: number };
    server.close(() => res(p));
  });
});
const child = spawn(
  process.execPath,
  [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', resolve(profileDir)] : []), 'services/ai-core/src/server.ts'],
  {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      AI_CORE_TOKEN: token,
      LOG_LEVEL: 'warn',
      ETHIXAI_METRICS: 'true',
    },
  },
);
const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 4 });
for (let i = 0; ; i++) {
  if (
    await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  if (i > 300) throw new Error('ai-core did not start');
  await new Promise((r) => setTimeout(r, 100));
}

const rows = Array.from({ length: 1000 }, (_, i) => ({
  id: i,
  sex: i % 2 ? 'F' : 'M',
  race: ['A', 'B', 'C', 'D'][i % 4],
  age: 20 + (i % 50),
  score: ((i * 7919) % 1000) / 1000,
  label: (i * 31) % 3 === 0 ? 1 : 0,
  pred: ((i * 7919) % 1000) / 1000 > (i % 2 ? 0.55 : 0.45) ? 1 : 0,
}));
const config = { label: 'label', prediction: 'pred', score: 'score', sensitive: ['sex', 'race'] };
const names = Object.keys(rows[0]) as (keyof (typeof rows)[number])[];
const bodies = {
  rows: Buffer.from(JSON.stringify({ config, data: { rows } })),
  columns: Buffer.from(
    JSON.stringify({ config, data: { columns: Object.fromEntries(names.map((n) => [n, rows.map((r) => r[n])])) } }),
  ),
};

async function send(body: Buffer, count: number): Promise<number> {
  let bytes = 0;
  let next = 0;
  async function lane(): Promise<void> {
    while (next++ < count) {
      const res = await pool.request({
        method: 'POST',
        path: '/v1/analyze',
        body,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      const buf = Buffer.from(await res.body.arrayBuffer());
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${buf}`);
      bytes = buf.length;
    }
  }
  await Promise.all([lane(), lane(), lane(), lane()]);
  return bytes;
}

const results: Record<string, number[]> = { rows: [], columns: [] };
try {
  for (const body of Object.values(bodies)) await send(body, 200);
  for (let round = 0; round < rounds; round++) {
    for (const [shape, body] of Object.entries(bodies)) {
      const before = cpuSeconds(child.pid!);
      const resultBytes = await send(body, requests);
      const us = ((cpuSeconds(child.pid!) - before) * 1e6) / requests;
      results[shape].push(us);
      console.log(
        `round ${round + 1} ${shape.padEnd(7)} body ${body.length} B → result ${resultBytes} B: ai-core ${us.toFixed(0)} µs CPU/request`,
      );
    }
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
  console.log(
    `median: rows ${median(results.rows).toFixed(0)} µs, columns ${median(results.columns).toFixed(0)} µs; load average ${readFileSync('/proc/loadavg', 'utf8').trim()}`,
  );
} finally {
  await pool.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

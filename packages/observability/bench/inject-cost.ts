// CPU per request of each observability layer, in process (app.inject: no sockets, no load
// generator competing for the 2 cores), so layer-by-layer differences stand out of the noise.
// Modes: bare Fastify | logger (pino, silent) | noop (plugins, tracing disabled, no metrics)
// | metrics | logs (metrics + one JSON line per request) | trace0/10/100 (logs + tracing at that ratio).
// Run: node packages/observability/bench/inject-cost.ts all [requests] [rounds]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { pino } from 'pino';
import { createLogger, createMetrics, createTracing, fastifyLoggingOptions, observabilityPlugin } from '../src/index.ts';
const N = Number(process.argv[3] ?? 20000);
async function build(mode: string) {
  const withLogs = ['logs', 'trace0', 'trace10', 'trace100'].includes(mode);
  const ratio = ({ trace0: 0, trace10: 0.1, trace100: 1 } as Record<string, number>)[mode];
  const tracing = ratio === undefined ? undefined : createTracing({ serviceName: 'b', serviceVersion: '0', enabled: true, sampleRatio: ratio, registerGlobal: false,
    exporter: { export: (s, d) => d({ code: 0 }), shutdown: async () => undefined } });
  const app = mode === 'bare' ? Fastify({ logger: false }) : Fastify(fastifyLoggingOptions(createLogger({ service: 'b', level: withLogs ? 'info' : 'silent', destination: pino.destination({ dest: '/dev/null', sync: true }) })));
  if (!['bare', 'logger'].includes(mode)) await app.register(observabilityPlugin, { metrics: mode === 'noop' ? undefined : createMetrics({ service: 'b', maxModelLabels: 1, defaultMetrics: false }), tracing, requestLog: withLogs });
  app.get('/items/:id', async (r) => ({ id: (r.params as any).id }));
  await app.ready();
  return app;
}
const MODES = ['bare', 'logger', 'noop', 'metrics', 'logs', 'trace0', 'trace10', 'trace100'];
const mode = process.argv[2];
if (mode !== undefined && mode !== 'all') {
  const app = await build(mode);
  for (let i = 0; i < 3000; i++) await app.inject({ url: '/items/1' });
  const t0 = process.cpuUsage();
  for (let i = 0; i < N; i++) await app.inject({ url: '/items/123' });
  const d = process.cpuUsage(t0);
  if (process.send) process.send({ mode, us: (d.user + d.system) / N });
  else console.log(`${mode}: ${((d.user + d.system) / N).toFixed(1)} µs per injected request`);
  process.exit(0);
}
// Driver: each mode in a fresh process (an async context, once entered, stays on for the
// process), modes interleaved over rounds; median per mode.
const rounds = Number(process.argv[4] ?? 3);
const samples = new Map<string, number[]>(MODES.map((m) => [m, []]));
for (let round = 0; round < rounds; round++) {
  for (const m of MODES) {
    const child = fork(fileURLToPath(import.meta.url), [m, String(N)], { execArgv: [], stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const { us } = await new Promise<{ us: number }>((resolve) => child.once('message', resolve as never));
    samples.get(m)!.push(us);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(samples.get('bare')!);
console.log('| mode | CPU µs per injected request (median) | vs bare |');
console.log('|---|---|---|');
for (const m of MODES) console.log(`| ${m} | ${median(samples.get(m)!).toFixed(1)} | +${(median(samples.get(m)!) - base).toFixed(1)} |`);

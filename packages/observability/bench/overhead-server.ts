// One server process per configuration for overhead-bench.ts.
// Modes: bare | logger | noop | metrics | logs (metrics + request log) | trace10 | trace100 (logs + tracing).
import Fastify from 'fastify';
import { pino } from 'pino';
import { createLogger, createMetrics, createTracing, fastifyLoggingOptions, observabilityPlugin } from '../src/index.ts';

const mode = process.argv[2] ?? 'bare';
const withLogs = !['bare', 'metrics', 'logger', 'noop'].includes(mode);
const ratio = mode === 'trace10' ? 0.1 : mode === 'trace100' ? 1 : undefined;
let exported = 0;
const tracing = ratio === undefined ? undefined : createTracing({
  serviceName: 'bench', serviceVersion: '0', enabled: true, sampleRatio: ratio,
  // Counts spans instead of sending them: measures span creation and batching, not the network.
  exporter: { export: (spans, done) => { exported += spans.length; done({ code: 0 }); }, shutdown: async () => undefined },
});
const app = mode === 'bare'
  ? Fastify({ logger: false })
  : Fastify(fastifyLoggingOptions(withLogs ? createLogger({ service: 'bench', destination: pino.destination({ dest: '/dev/null', sync: true }) }) : createLogger({ service: 'bench', level: 'silent' })));
if (mode !== 'bare' && mode !== 'logger') {
  const metrics = mode === 'noop' ? undefined : createMetrics({ service: 'bench', maxModelLabels: 10 });
  await app.register(observabilityPlugin, { metrics, tracing, requestLog: withLogs, ignoreRoutes: ['/__cpu', '/metrics'] });
}
app.get('/items/:id', async (request) => ({ id: (request.params as { id: string }).id, ok: true }));
let mark = process.cpuUsage();
app.get('/__cpu', async () => {
  const used = process.cpuUsage(mark);
  mark = process.cpuUsage();
  return { cpuMicros: used.user + used.system, exported };
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: (app.server.address() as { port: number }).port });
process.on('SIGINT', () => process.exit(0));

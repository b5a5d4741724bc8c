// A toy service process for the cross-process test: argv = serviceName otlpUrl [downstreamBaseUrl].
import Fastify from 'fastify';
import { SPAN_AI_CORE_CALL, SpanKind, createLogger, createMetrics, createTracing, fastifyLoggingOptions, observabilityPlugin, traceContextOf } from '../../src/index.ts';

const [serviceName, otlpUrl, downstream] = process.argv.slice(2) as [string, string, string | undefined];
const tracing = createTracing({ serviceName, serviceVersion: '0.0.0', enabled: true, sampleRatio: 1, otlpEndpoint: otlpUrl, processor: 'simple' });
const app = Fastify(fastifyLoggingOptions(createLogger({ service: serviceName })));
await app.register(observabilityPlugin, { metrics: createMetrics({ service: serviceName, maxModelLabels: 1 }), tracing });
app.get('/items/:id', async (request) => ({ id: (request.params as { id: string }).id, from: serviceName }));
app.get('/proxy/:id', async (request) => {
  const id = (request.params as { id: string }).id;
  return tracing.withSpan(SPAN_AI_CORE_CALL, { 'server.address': '127.0.0.1' }, async () => {
    const res = await fetch(`${downstream}/items/${id}`, { headers: tracing.injectTraceHeaders({ accept: 'application/json' }) });
    return { downstream: await res.json(), downstreamTraceId: res.headers.get('x-trace-id') };
  }, { kind: SpanKind.CLIENT, parent: traceContextOf(request) });
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: (app.server.address() as { port: number }).port });
process.on('SIGTERM', () => void app.close().then(() => tracing.shutdown()).then(() => process.exit(0)));

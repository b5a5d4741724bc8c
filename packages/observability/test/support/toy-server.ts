// A toy service process for the cross-process test: argv = serviceName otlpUrl [downstreamBaseUrl].
// Wired as the services are: createTelemetry, the logger, one observability registration.
import { trace } from '@opentelemetry/api';
import Fastify from 'fastify';
import { createLogger, createTelemetry, fastifyLoggingOptions, observabilityPlugin } from '../../src/index.ts';

const [serviceName, otlpUrl, downstream] = process.argv.slice(2) as [string, string, string | undefined];
const telemetry = createTelemetry({
  service: serviceName,
  version: '0.0.0',
  metrics: true,
  tracing: true,
  otlpEndpoint: otlpUrl,
  sampleRatio: 1,
});
const app = Fastify(fastifyLoggingOptions(createLogger({ service: serviceName })));
await app.register(observabilityPlugin, { metrics: telemetry.metrics, tracing: telemetry.tracing });
// An engine stage: a span of the domain code, started through the API in the active context.
app.get('/items/:id', async (request) =>
  trace.getTracer('toy').startActiveSpan('analysis.audit', (span) => {
    span.end();
    return { id: (request.params as { id: string }).id, from: serviceName };
  }),
);
// The outgoing call is traced (and carries traceparent) by the undici instrumentation: plain fetch here.
app.get('/proxy/:id', async (request) => {
  const res = await fetch(`${downstream}/items/${(request.params as { id: string }).id}`, {
    headers: { accept: 'application/json' },
  });
  return { downstream: await res.json(), downstreamTraceId: res.headers.get('x-trace-id') };
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: (app.server.address() as { port: number }).port });
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => telemetry.shutdown())
      .then(() => process.exit(0)),
);

import { trace } from '@opentelemetry/api';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  createLogger,
  createMetrics,
  fastifyLoggingOptions,
  observabilityPlugin,
  type Metrics,
  type Telemetry,
} from '../../src/index.ts';
import { captureLogs, type LogCapture } from '@ethixai/test-support';

export interface ToyApp {
  app: FastifyInstance;
  metrics: Metrics;
  logs: LogCapture;
}

/** A small service wired exactly as the real ones are: one observability registration, then hooks and routes. */
export async function buildToyApp(telemetry?: Telemetry): Promise<ToyApp> {
  const logs = captureLogs();
  const metrics = telemetry?.metrics ?? createMetrics({ service: 'ethixai-backend' });
  const app = Fastify(fastifyLoggingOptions(createLogger({ service: 'ethixai-backend', destination: logs.stream })));
  await app.register(observabilityPlugin, { metrics, tracing: telemetry?.tracing });
  // Hooks of the service's own (auth, rate limits): they must not become spans.
  app.addHook('onRequest', async () => undefined);
  app.addHook('preHandler', async () => undefined);

  app.get('/items/:id', async (request) => {
    request.log.info('loading item');
    return { id: (request.params as { id: string }).id };
  });
  app.post('/items', async (request, reply) => {
    request.log.info({ body: request.body, headers: request.headers }, 'item received');
    return reply.code(201).send({ created: true });
  });
  app.get('/fail', async () => {
    throw Object.assign(new Error('engine exploded'), { code: 'AIC_ERR_TEST' });
  });
  app.get('/bad', async (_request, reply) =>
    reply.code(400).send({ statusCode: 400, code: 'BE_ERR_TEST', error: 'Bad Request', message: 'no' }),
  );
  app.get('/slow', async (request) => {
    const ms = Number((request.query as { ms?: string }).ms ?? 200);
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { slept: ms };
  });
  // Domain code reads the active context through the API: a stage span under the request's.
  app.get('/child', async () =>
    trace.getTracer('toy').startActiveSpan('analysis.parse', async (span) => {
      await new Promise((resolve) => setImmediate(resolve));
      span.end();
      return { ok: true };
    }),
  );
  await app.ready();
  return { app, metrics, logs };
}

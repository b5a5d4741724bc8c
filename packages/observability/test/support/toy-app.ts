import Fastify, { type FastifyInstance } from 'fastify';
import { createLogger, createMetrics, fastifyLoggingOptions, observabilityPlugin, traceContextOf, type Metrics, type Tracing } from '../../src/index.ts';
import { captureLogs, type LogCapture } from '../../src/testing.ts';

export interface ToyApp {
  app: FastifyInstance;
  metrics: Metrics;
  logs: LogCapture;
}

export interface ToyAppOptions {
  tracing?: Tracing;
  maxModelLabels?: number;
}

/** A small service wired exactly as the real ones are: one observability registration, then routes. */
export async function buildToyApp(options: ToyAppOptions = {}): Promise<ToyApp> {
  const logs = captureLogs();
  const metrics = createMetrics({ service: 'ethixai-backend', maxModelLabels: options.maxModelLabels ?? 3 });
  const app = Fastify(fastifyLoggingOptions(createLogger({ service: 'ethixai-backend', destination: logs.stream })));
  await app.register(observabilityPlugin, { metrics, tracing: options.tracing });

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
  app.get('/bad', async (_request, reply) => reply.code(400).send({ statusCode: 400, code: 'BE_ERR_TEST', error: 'Bad Request', message: 'no' }));
  app.get('/slow', async (request) => {
    const ms = Number((request.query as { ms?: string }).ms ?? 200);
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { slept: ms };
  });
  if (options.tracing !== undefined) {
    const tracing = options.tracing;
    // Work done for a request gets the request's context explicitly (no async-hook context).
    app.get('/downstream', async (request) => ({ headers: tracing.injectTraceHeaders({}, traceContextOf(request)) }));
    app.get('/child', async (request) => tracing.withSpan('analysis.parse', { 'ethixai.analysis.rows': 3 }, async () => ({ ok: true }), { parent: traceContextOf(request) }));
  }
  await app.ready();
  return { app, metrics, logs };
}

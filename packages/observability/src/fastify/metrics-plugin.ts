import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { exemplarFromIds } from '../exemplar.ts';
import { contentTypeOf, negotiateFormat } from '../exposition.ts';
import type { Metrics } from '../metrics.ts';
import { DEFAULT_IGNORED_ROUTES, ROUTE_METRICS } from '../names.ts';
import { STATUS_CLIENT_CLOSED, decorateRequestState, methodOf, routeOf, stateOf } from './request-state.ts';

export interface MetricsPluginOptions {
  metrics: Metrics;
  /**
   * Route templates kept out of the RED metrics. Default: /metrics, /health, /ready,
   * /health/dependencies — scrapes and probes are machine traffic that would dilute the SLOs
   * of a quiet service and count a draining replica's 503 from /ready as an availability error.
   */
  ignoreRoutes?: readonly string[];
  /** Serve GET /metrics (default true). */
  exposeEndpoint?: boolean;
}

/**
 * RED metrics per route template. Cost per request: one in-flight count up and down and one
 * histogram observe, Map lookups and array counts (http_requests_total is derived from the histogram
 * at scrape); the span's ids are read only when it is sampled.
 */
async function metricsPlugin(app: FastifyInstance, options: MetricsPluginOptions): Promise<void> {
  const { metrics } = options;
  const { duration, inFlight } = metrics.http;
  const ignored = new Set(options.ignoreRoutes ?? DEFAULT_IGNORED_ROUTES);
  decorateRequestState(app);

  function finish(request: FastifyRequest, status: number, seconds: number): void {
    const state = stateOf(request);
    if (!state.metricsOpen) return;
    state.metricsOpen = false;
    const method = methodOf(request);
    const route = routeOf(request);
    inFlight.end(method, route);
    // Exemplars only for sampled requests (their trace exists), from the ids kept on the state.
    const exemplar = state.recording && state.traceId !== undefined && state.spanId !== undefined ? exemplarFromIds(state.traceId, state.spanId) : undefined;
    // http_requests_total is published from this histogram's counts at scrape (metrics.ts).
    duration.observe(method, route, status, seconds, exemplar);
  }

  app.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    const route = routeOf(request);
    if (!ignored.has(route)) {
      const state = stateOf(request);
      state.metricsOpen = true;
      state.startedAt = performance.now();
      inFlight.start(methodOf(request), route);
    }
    done();
  });

  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    finish(request, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  // A client that hangs up before the answer gets no onResponse; without this the in-progress
  // gauge would leak and the request would vanish from the counters.
  app.addHook('onRequestAbort', (request: FastifyRequest, done: () => void) => {
    finish(request, STATUS_CLIENT_CLOSED, (performance.now() - stateOf(request).startedAt) / 1000);
    done();
  });

  if (options.exposeEndpoint !== false) {
    app.get(ROUTE_METRICS, { logLevel: 'warn', schema: { hide: true } }, async (request, reply) => {
      const format = negotiateFormat(request.headers.accept);
      reply.type(contentTypeOf(format));
      return metrics.scrape(format);
    });
  }
}

export default fp(metricsPlugin, { fastify: '5.x', name: '@ethixai/observability/metrics' });

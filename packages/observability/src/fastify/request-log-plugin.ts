import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { writeCompletionLine, type CompletionFields } from '../completion-line.ts';
import {
  DEFAULT_IGNORED_ROUTES,
  LOG_DURATION_MS,
  LOG_ERR,
  LOG_METHOD,
  LOG_MSG_REQUEST_COMPLETED,
  LOG_ROUTE,
  LOG_SPAN_ID,
  LOG_STATUS,
  LOG_TRACE_ID,
} from '../names.ts';
import { STATUS_CLIENT_CLOSED, decorateRequestState, routeOf, stateOf } from './request-state.ts';

export interface RequestLogPluginOptions {
  /** Route templates that get no completion line (default: /metrics and the health routes). */
  ignoreRoutes?: readonly string[];
}

/**
 * Exactly one line per request, written when it completes (or is abandoned by the client):
 * method, route template, status, duration_ms, and the trace/span ids of the request's server
 * span (`request.log` carries request_id, and for a sampled request the ids too). Use with Fastify's `disableRequestLogging: true`.
 */
async function requestLogPlugin(app: FastifyInstance, options: RequestLogPluginOptions): Promise<void> {
  const ignored = new Set(options.ignoreRoutes ?? DEFAULT_IGNORED_ROUTES);
  decorateRequestState(app);

  function write(request: FastifyRequest, status: number, durationMs: number): void {
    const route = routeOf(request);
    if (ignored.has(route)) return;
    const state = stateOf(request);
    if (state.logged) return;
    state.logged = true;
    const fields: CompletionFields = { method: request.method, route, status, durationMs: Math.round(durationMs * 1000) / 1000 };
    // A sampled request's logger is bound to its ids already (tracing-plugin.ts); an unsampled
    // one's trace id still goes on its completion line, for joining logs across services.
    if (!state.recording && state.traceId !== undefined && state.spanId !== undefined) {
      fields.traceId = state.traceId;
      fields.spanId = state.spanId;
    }
    // 5xx lines carry the error, which only pino's serializer writes.
    if (status < 500 && writeCompletionLine(request.log as unknown as Logger, fields)) return;
    const line: Record<string, unknown> = {
      [LOG_METHOD]: fields.method,
      [LOG_ROUTE]: fields.route,
      [LOG_STATUS]: fields.status,
      [LOG_DURATION_MS]: fields.durationMs,
      [LOG_TRACE_ID]: fields.traceId,
      [LOG_SPAN_ID]: fields.spanId,
      [LOG_ERR]: state.error,
    };
    if (status >= 500) request.log.error(line, LOG_MSG_REQUEST_COMPLETED);
    else request.log.info(line, LOG_MSG_REQUEST_COMPLETED);
  }

  app.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    const state = stateOf(request);
    // The metrics plugin, registered before this one, may have taken the time already.
    if (state.startedAt === 0) state.startedAt = performance.now();
    done();
  });
  app.addHook('onError', (request: FastifyRequest, _reply: FastifyReply, error: FastifyError, done: () => void) => {
    stateOf(request).error = error;
    done();
  });
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    write(request, reply.statusCode, reply.elapsedTime);
    done();
  });
  app.addHook('onRequestAbort', (request: FastifyRequest, done: () => void) => {
    write(request, STATUS_CLIENT_CLOSED, performance.now() - stateOf(request).startedAt);
    done();
  });
}

export default fp(requestLogPlugin, { fastify: '5.x', name: '@ethixai/observability/request-log' });

import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import type { FrameworkErrorCodes } from '../errors/error-handler-plugin.ts';
import { clientErrorHandler, frameworkErrorsHandler } from './framework-errors.ts';
import { securityHeaders } from './security-headers.ts';
import { SCHEMA_CONTROLLER } from './validator-compilers.ts';

/** Longest path parameter the router matches (Fastify's default); longer is a 414. */
export const MAX_PARAM_LENGTH = 100;

export interface HttpTimeouts {
  /** The request line and headers must arrive within this (408 otherwise). */
  readonly headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (408 otherwise). */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  readonly keepAliveTimeoutMs: number;
}

export interface HttpServerSettings extends HttpTimeouts {
  readonly codes: FrameworkErrorCodes;
}

/**
 * The Fastify options both services start from, so that every answer, whoever produces it, is the
 * documented error body with the security headers, and no request holds a connection forever:
 * - bodies are validated without type coercion (validator-compilers.ts);
 * - the router's own refusals (broken percent-encoding, 414) and the answers to what Node's HTTP
 *   parser rejects (431, 408, malformed HTTP) use the error body and the security headers;
 * - Node's headersTimeout and requestTimeout answer a stalled request with 408. Node checks them
 *   every `connectionsCheckingInterval` (30 s by default), so the interval is a fraction of the
 *   shorter timeout. There is no socket inactivity timeout (`connectionTimeout` 0): it would close
 *   a connection without an answer, and also while a long analysis is being computed.
 */
export function httpServerOptions(settings: HttpServerSettings): FastifyHttpOptions<Server> {
  const headers = securityHeaders();
  // The headers are part of the request: their deadline is never later than the request's (Node requires it).
  const headersTimeout = Math.min(settings.headersTimeoutMs, settings.requestTimeoutMs);
  return {
    schemaController: SCHEMA_CONTROLLER,
    frameworkErrors: frameworkErrorsHandler(settings.codes, headers, MAX_PARAM_LENGTH),
    clientErrorHandler: clientErrorHandler(settings.codes, headers),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    connectionTimeout: 0,
    requestTimeout: settings.requestTimeoutMs,
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    http: {
      headersTimeout,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
  };
}

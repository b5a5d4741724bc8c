import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { LogController, type FastifyBaseLogger } from 'fastify';
import { pino, stdSerializers, stdTimeFunctions, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { HEADER_REQUEST_ID, LOG_MSG, LOG_REQUEST_ID, LOG_SERVICE, LOG_SPAN_ID, LOG_TRACE_ID } from './names.ts';

export interface LoggerConfig {
  /** OTel service name; the `service` field of every line. */
  service: string;
  level?: string;
  /** Where lines go; asynchronous stdout by default (tests pass a capture stream). */
  destination?: DestinationStream;
}

export const REDACTED = '[REDACTED]';

/** Keys whose values never reach a log line, at the top level or one level down (pino `redact`). */
export const REDACTED_KEYS: readonly string[] = [
  // secrets and credentials
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-service-token',
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'apiKey',
  'secret',
  'clientSecret',
  'privateKey',
  // uploaded decision data: rows of real people (DESIGN §6, §8)
  'rows',
  'data',
  'columns',
  'records',
  'features',
  'protectedAttributes',
];

const REDACT_PATHS = REDACTED_KEYS.flatMap((key) => {
  const path = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  return [path, path.startsWith('[') ? `*${path}` : `*.${path}`];
});

/** The active span's ids (sampled or not: an unsampled trace id still joins logs across services). */
function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan()?.spanContext();
  return span === undefined || !isSpanContextValid(span)
    ? {}
    : { [LOG_TRACE_ID]: span.traceId, [LOG_SPAN_ID]: span.spanId };
}

/**
 * A pino logger of JSON lines with time, level (as text), service, msg, and trace ids from the
 * active span. It writes to `config.destination`, or to stdout through sonic-boom in asynchronous
 * mode: a line costs no write(2) of its own under load (lines queue while a write is in flight),
 * and pino flushes what is pending synchronously on exit. Call `logger.flush()` when shutting down.
 */
export function createLogger(config: LoggerConfig): Logger {
  const options: LoggerOptions = {
    level: config.level ?? 'info',
    messageKey: LOG_MSG,
    base: { [LOG_SERVICE]: config.service },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: stdSerializers.err },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    mixin: traceFields,
  };
  return pino(options, config.destination ?? pino.destination({ dest: 1, sync: false }));
}

// A client's id is kept only when it is short and plain: it ends up in logs, span attributes
// and a response header, so anything that could forge a header is replaced.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify `genReqId`: the caller's `x-request-id` when sane, else a fresh UUID. */
export function genRequestId(req: IncomingMessage): string {
  const header = req.headers[HEADER_REQUEST_ID];
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate !== undefined && SANE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
}

/**
 * Fastify server options that hand logging to `logger`: the request id comes from a sane
 * `x-request-id` (or is generated) and is bound as `request_id`; Fastify's own two lines per
 * request are off because the observability plugin writes one completion line instead.
 */
export function fastifyLoggingOptions(logger: Logger) {
  return {
    // Typed as Fastify's base logger so apps stay plain `FastifyInstance`s (pino's Logger is one).
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: LOG_REQUEST_ID }),
    genReqId: genRequestId,
  };
}

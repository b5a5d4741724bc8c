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

const REDACTED_KEY_SET: ReadonlySet<string> = new Set(REDACTED_KEYS);
const TOP_LEVEL_PATHS = REDACTED_KEYS.map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`));

/** A copy of `value` with its redacted keys censored, or `value` itself when it has none. */
function censorKeys<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key in value) if (REDACTED_KEY_SET.has(key)) (copy ??= { ...(value as object) })[key] = REDACTED;
  return (copy ?? value) as T;
}

/**
 * The one-level-down half of the redaction (pino's `formatters.log` hook): the values of a line's
 * top-level keys. Errors are censored after their serializer, as pino's own redact does. A child
 * logger's bindings are censored at the top level only (pino `redact`; pino gives children no
 * bindings hook): Fastify's per-request `request_id` is the only binding the services make.
 *
 * Why not pino's `redact` with `*.key` paths: pino 10 then runs @pinojs/redact, which parses all
 * its paths again, on a copy, for EVERY value of every line and every child logger's bindings,
 * strings and numbers included. A child logger plus one completion line (what each request costs)
 * took 252 µs with the 48 paths against 43 µs with the 24 top-level paths plus this hook and 25 µs
 * with no redaction (50,000 in a loop, one core, load average ~28; a second run 239 / 52 / 62);
 * in the backend's CPU profile under POST /v1/evaluate, @pinojs/redact was 6.3 % of the busy time
 * (`node tools/bench/src/pipeline-profile.ts --routes evaluate --configs production --cpu-prof`).
 */
function censorNested(object: Record<string, unknown>): Record<string, unknown> {
  let out = object;
  for (const key in object) {
    const value = object[key];
    if (value instanceof Error) continue;
    const censored = censorKeys(value);
    if (censored !== value) (out === object ? (out = { ...object }) : out)[key] = censored;
  }
  return out;
}

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
    formatters: { level: (label) => ({ level: label }), log: censorNested },
    serializers: { err: (err: Error) => censorKeys(stdSerializers.err(err)) },
    // Top-level keys; one level down: censorNested.
    redact: { paths: TOP_LEVEL_PATHS, censor: REDACTED },
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

/**
 * The single place where failures become HTTP answers: {statusCode, code, error, message} plus
 * optional machine-readable `details`. Engine errors keep their FAIR_ERR_* code and status, so the
 * backend can pass them through unchanged. Anything unexpected is a generic 500 whose message
 * never leaks internals; the real error goes to the log.
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { AnalysisLimits } from '../config/env.ts';
import { AI_CORE_ERRORS, AiCoreError, type AiCoreErrorCode } from '../errors.ts';

export interface ErrorReply {
  statusCode: number;
  code: string;
  error: string;
  message: string;
  details?: Readonly<Record<string, string | number>>;
}

function reply(statusCode: number, code: string, message: string, details?: Readonly<Record<string, string | number>>): ErrorReply {
  const body: ErrorReply = { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message };
  if (details !== undefined && Object.keys(details).length > 0) body.details = details;
  return body;
}

function fromCatalogue(code: AiCoreErrorCode, message: string, details?: Record<string, string | number>): ErrorReply {
  return reply(AI_CORE_ERRORS[code].status, code, message, details);
}

/** Fastify's own client errors, renamed into our catalogue. */
function fromFastify(err: FastifyError, limits: AnalysisLimits): ErrorReply | undefined {
  switch (err.code) {
    case 'FST_ERR_VALIDATION':
      return fromCatalogue('AIC_ERR_VALIDATION', err.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return fromCatalogue('AIC_ERR_UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json or text/csv');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      // Fastify buffers JSON bodies only; CSV byte limits are enforced by our own streaming reader.
      return fromCatalogue('AIC_ERR_PAYLOAD_TOO_LARGE',
        `The JSON body exceeds the limit (AI_CORE_MAX_JSON_BYTES) of ${limits.maxJsonBytes} bytes`,
        { limit: 'maxJsonBytes', max: limits.maxJsonBytes });
    default:
      return undefined;
  }
}

interface CodedError { code: string; statusCode: number; message: string; details?: Record<string, string | number> }

/** Our own and the engine's errors (FairnessError); matched by shape so no engine import is needed here. */
function isCatalogued(err: unknown): err is CodedError {
  if (err instanceof AiCoreError) return true;
  const candidate = err as Partial<CodedError> | null;
  return err instanceof Error && typeof candidate?.code === 'string' && candidate.code.startsWith('FAIR_ERR_')
    && typeof candidate.statusCode === 'number' && candidate.statusCode < 500;
}

export function toErrorReply(err: unknown, limits: AnalysisLimits): ErrorReply {
  if (isCatalogued(err)) return reply(err.statusCode, err.code, err.message, err.details);
  const fastifyError = err as FastifyError;
  const known = fromFastify(fastifyError, limits);
  if (known !== undefined) return known;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return reply(status, 'AIC_ERR_BAD_REQUEST', fastifyError.message);
  return fromCatalogue('AIC_ERR_INTERNAL', 'Internal Server Error');
}

export function registerErrorHandlers(fastify: FastifyInstance, limits: AnalysisLimits): void {
  fastify.setErrorHandler((err, request, replyTo) => {
    const body = toErrorReply(err, limits);
    if (body.statusCode >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: body.code }, body.message);
    // A body we stopped reading (limit hit, bad config before a CSV upload) cannot be resumed:
    // close the connection after answering instead of draining an upload nobody will use.
    if (request.raw.complete === false) replyTo.header('connection', 'close');
    return replyTo.code(body.statusCode).send(body);
  });
  fastify.setNotFoundHandler((request, replyTo) => {
    const body = fromCatalogue('AIC_ERR_NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`);
    return replyTo.code(404).send(body);
  });
}

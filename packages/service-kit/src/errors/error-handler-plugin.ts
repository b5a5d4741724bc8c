import type { FastifyError, FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { errorBody, type ErrorBody } from './error-body.ts';
import { ServiceError } from './service-error.ts';
import { errorBodyGuard } from '../http/error-body-guard.ts';

/** The service's own codes for what the framework raises (BE_ERR_…, AIC_ERR_…). */
export interface FrameworkErrorCodes {
  /** A request that breaks its route schema (400). */
  readonly validation: string;
  /** A JSON body that does not parse, or is empty (400). */
  readonly malformedJson: string;
  /** Any other client error the framework raises (its own 4xx status is kept). */
  readonly badRequest: string;
  /** No such route (404). */
  readonly notFound: string;
  /** A body over the route's limit (413). */
  readonly bodyTooLarge: string;
  /** A Content-Type no parser accepts, or a Content-Encoding the service does not decode (415). */
  readonly unsupportedMediaType: string;
  /** The request did not arrive within the header or request timeout (408). */
  readonly requestTimeout: string;
  /** A path parameter longer than the router's limit (414). */
  readonly uriTooLong: string;
  /** Request line and headers larger than the server's limit (431). */
  readonly headersTooLarge: string;
  /** Anything unexpected (500); its message is never sent. */
  readonly internal: string;
}

export interface ErrorHandlerOptions {
  readonly codes: FrameworkErrorCodes;
  /**
   * The service's own mapping, tried after its ServiceErrors and before the framework's: an engine
   * error passed through with its code, the database being down. Undefined: not one of those.
   */
  readonly translate?: (error: FastifyError) => ServiceError | undefined;
}

export interface ErrorReply {
  readonly body: ErrorBody;
  readonly headers: Readonly<Record<string, string>>;
}

/** The service's code for a status the framework (not the service) answered with. */
export function codeForStatus(status: number, codes: FrameworkErrorCodes): string {
  switch (status) {
    case 404:
      return codes.notFound;
    case 408:
      return codes.requestTimeout;
    case 413:
      return codes.bodyTooLarge;
    case 414:
      return codes.uriTooLong;
    case 415:
      return codes.unsupportedMediaType;
    case 431:
      return codes.headersTooLarge;
    default:
      return status >= 500 ? codes.internal : codes.badRequest;
  }
}

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});
const INTERNAL_MESSAGE = 'Internal server error';

/** Every failure as the answer it gets: pure, so the mapping is tested without a server. */
export function toErrorReply(error: unknown, options: ErrorHandlerOptions): ErrorReply {
  const err = (error instanceof Error ? error : new Error(String(error))) as FastifyError;
  const own = err instanceof ServiceError ? err : options.translate?.(err);
  if (own !== undefined)
    return { body: errorBody(own.statusCode, own.code, own.message, own.details), headers: own.headers };
  const { codes } = options;
  const reply = (status: number, code: string, message: string): ErrorReply => ({
    body: errorBody(status, code, message),
    headers: NO_HEADERS,
  });
  if (err.validation !== undefined || err.code === 'FST_ERR_VALIDATION')
    return reply(400, codes.validation, err.message);
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return reply(413, codes.bodyTooLarge, 'Request body is larger than the limit for this route');
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply(415, codes.unsupportedMediaType, err.message);
  if (
    err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    (err instanceof SyntaxError && err.statusCode === 400)
  ) {
    return reply(400, codes.malformedJson, err.message);
  }
  const status = err.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return reply(status, codeForStatus(status, codes), err.message);
  }
  return reply(500, codes.internal, INTERNAL_MESSAGE);
}

/**
 * The one place a service turns failures into `{statusCode, code, error, message}` answers,
 * including unknown routes. A 5xx is logged with its error and answered with a generic message;
 * client errors are logged at info (401 and 404 not at all: scanners and expired sessions would
 * drown the rest). Answers that plugins send in their own shape are rewritten into the error body
 * (../http/error-body-guard.ts). Register it before any route.
 */
export function createErrorHandler(options: ErrorHandlerOptions): FastifyPluginAsync {
  async function errorHandler(app: FastifyInstance): Promise<void> {
    app.setErrorHandler((error, request, reply) => {
      const { body, headers } = toErrorReply(error, options);
      if (body.statusCode >= 500) {
        request.log.error({ err: error, method: request.method, route: request.routeOptions.url }, 'request failed');
      } else if (body.statusCode !== 401 && body.statusCode !== 404) {
        request.log.info({ code: body.code, status: body.statusCode }, body.message);
      }
      // A body we stopped reading (limit hit, refused before upload) cannot be resumed: close the
      // connection after answering instead of draining an upload nobody will use.
      if (request.raw.complete === false) reply.header('connection', 'close');
      return reply.code(body.statusCode).headers(headers).send(body);
    });
    app.addHook('onSend', errorBodyGuard(options.codes));
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0].slice(0, 200);
      return reply.code(404).send(errorBody(404, options.codes.notFound, `Route ${request.method} ${path} not found`));
    });
  }
  return fp(errorHandler, { fastify: '5.x', name: 'error-handler' });
}

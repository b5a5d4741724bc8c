import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { errorBody } from '../errors/error-body.ts';
import type { FrameworkErrorCodes } from '../errors/error-handler-plugin.ts';
import { rawErrorResponse } from './raw-error-response.ts';

type ClientErrorHandler = NonNullable<FastifyServerOptions['clientErrorHandler']>;
type FrameworkErrorsHandler = NonNullable<FastifyServerOptions['frameworkErrors']>;

/**
 * Fastify's `frameworkErrors` option: what its router answers before any route (or hook) runs: a
 * URL whose percent-encoding is broken, a path parameter longer than `maxParamLength`. These
 * replies skip the onRequest hooks, so the security headers are set here.
 */
export function frameworkErrorsHandler(
  codes: FrameworkErrorCodes,
  securityHeaders: Readonly<Record<string, string>>,
  maxParamLength: number,
): FrameworkErrorsHandler {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const [status, code, message] =
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? [414, codes.uriTooLong, `A path parameter is longer than the limit of ${maxParamLength} characters`]
        : error.code === 'FST_ERR_BAD_URL'
          ? [400, codes.badRequest, 'The URL is not valid percent-encoding']
          : [500, codes.internal, 'Internal server error'];
    reply
      .code(status)
      .headers(securityHeaders)
      .header('content-type', 'application/json; charset=utf-8')
      .send(errorBody(status, code, message));
  };
}

const PARSE_ERRORS: Readonly<Record<string, [number, keyof FrameworkErrorCodes, string]>> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'requestTimeout', 'The request did not arrive in time (headers or body stalled)'],
  HPE_HEADER_OVERFLOW: [431, 'headersTooLarge', "The request line and headers exceed the server's limit"],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [431, 'headersTooLarge', "A chunk extension exceeds the server's limit"],
};

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser rejected the bytes on a connection (headers
 * too large, a stalled request, malformed HTTP), so there is no request object, only the socket.
 * The answer is written to it in the documented error body with the security headers, then the
 * connection closes (Node's own handler does the same, with a bare body).
 */
export function clientErrorHandler(
  codes: FrameworkErrorCodes,
  securityHeaders: Readonly<Record<string, string>>,
): ClientErrorHandler {
  return function onClientError(
    this: { log?: { debug(obj: object, msg: string): void } },
    error: Error & { code?: string },
    socket: Socket,
  ) {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, codeName, message] = PARSE_ERRORS[error.code ?? ''] ?? [
      400,
      'badRequest',
      `The request is not valid HTTP/1.1 (${error.code ?? 'parse error'})`,
    ];
    this.log?.debug({ err: error, status }, 'client error');
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(rawErrorResponse(status, codes[codeName], message, securityHeaders), () => socket.destroy());
  };
}

import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { BackendError, errorBody, type ErrorBody } from '../errors.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';

/**
 * One place turns every failure into `{statusCode, code, error, message}`: catalogue errors keep
 * their code, framework errors get a BE_ERR_ code, 5xx details are logged and never sent.
 */
export function toErrorBody(err: FastifyError | BackendError | Error): { body: ErrorBody; headers: Record<string, string> } {
  if (err instanceof BackendError) {
    return { body: errorBody(err.statusCode, err.code, err.message), headers: { ...err.headers } };
  }
  const e = err as FastifyError;
  if (e.validation) return { body: errorBody(400, 'BE_ERR_VALIDATION', e.message), headers: {} };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { body: errorBody(413, 'BE_ERR_BODY_TOO_LARGE', 'Request body is larger than the limit for this route'), headers: {} };
  }
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { body: errorBody(415, 'BE_ERR_UNSUPPORTED_MEDIA_TYPE', e.message), headers: {} };
  }
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (e instanceof SyntaxError && e.statusCode === 400)) {
    return { body: errorBody(400, 'BE_ERR_MALFORMED_JSON', e.message), headers: {} };
  }
  if (isDatabaseUnavailable(e)) {
    return { body: errorBody(503, 'BE_ERR_NOT_READY', 'The database is unavailable; retry shortly'), headers: { 'retry-after': '5' } };
  }
  const status = e.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = status === 404 ? 'BE_ERR_NOT_FOUND' : status === 413 ? 'BE_ERR_BODY_TOO_LARGE' : 'BE_ERR_BAD_REQUEST';
    return { body: errorBody(status, code, e.message), headers: {} };
  }
  return { body: errorBody(500, 'BE_ERR_INTERNAL', 'Internal server error'), headers: {} };
}

async function errorHandlerPlugin(fastify: FastifyInstance): Promise<void> {
  fastify.setErrorHandler((err: FastifyError, request, reply) => {
    const { body, headers } = toErrorBody(err);
    if (body.statusCode >= 500) {
      request.log.error({ err, method: request.method, route: request.routeOptions.url }, 'unhandled error');
    } else if (body.statusCode !== 401 && body.statusCode !== 404) {
      request.log.info({ code: body.code, status: body.statusCode }, body.message);
    }
    return reply.code(body.statusCode).headers(headers).send(body);
  });

  fastify.setNotFoundHandler((request, reply) => {
    const body = errorBody(404, 'BE_ERR_NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`);
    return reply.code(404).send(body);
  });
}

export default fp(errorHandlerPlugin, { name: 'error-handler' });

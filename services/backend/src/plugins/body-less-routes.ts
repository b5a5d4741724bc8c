import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { httpError } from '../errors.ts';

const ACTIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when the request carries a body (a non-zero Content-Length, or a chunked one). */
function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * An action route that declares no body (cancel, deactivate, delete...) answers a request that
 * carries one with 400, before reading it: a client sending a body there has misread the API, and
 * ignoring what it sent would hide that. Registered before the features, whose routes it sees.
 */
async function bodyLessRoutesPlugin(fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.every((m) => ACTIONS.has(m)) || route.schema?.body !== undefined) return;
    const refuse: onRequestHookHandler = (
      request: FastifyRequest,
      _reply: FastifyReply,
      done: (err?: Error) => void,
    ) => {
      if (!hasBody(request)) return done();
      done(httpError('BE_ERR_BAD_REQUEST', `${request.method} ${route.url} takes no request body`));
    };
    const own =
      route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [...own, refuse];
  });
}

export default fp(bodyLessRoutesPlugin, { name: 'body-less-routes' });

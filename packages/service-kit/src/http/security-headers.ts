import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** HSTS for a year with subdomains, a strict CSP that forbids framing, same-site CORP. */
export const HELMET_OPTIONS: HelmetOptions = {
  hsts: { maxAge: 31_536_000, includeSubDomains: true },
  contentSecurityPolicy: {
    useDefaults: true,
    directives: { 'frame-ancestors': ["'none'"], 'form-action': ["'self'"] },
  },
  crossOriginResourcePolicy: { policy: 'same-site' },
};

/**
 * The headers helmet sets with HELMET_OPTIONS, as a plain map, for the answers written outside
 * Fastify's request lifecycle (a 431 or 408 written to the raw socket, a 414 from the router):
 * helmet's own middleware is run once against a recording response.
 */
export function securityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(HELMET_OPTIONS)({} as never, recorder as never, (error?: unknown) => {
    failure = error;
  });
  if (failure !== undefined) throw failure;
  return Object.freeze(headers);
}

/**
 * Security headers on every response Fastify sends, errors and 404s included (a route may still
 * replace one with `reply.header`, e.g. a stricter CSP).
 *
 * The headers come from helmet's own middleware, built once here. @fastify/helmet 13 calls
 * `helmet(options)` again for every request, which re-parses the CSP directives and rebuilds every
 * header middleware: the backend's GET /health cost 131 µs of CPU per request with it and 105 µs
 * with this (median of 3 rounds, `node tools/bench/src/pipeline-profile.ts --routes health,evaluate
 * --rounds 3 --duration 4 --compare DIR`, DIR a checkout with @fastify/helmet, 2026-12-06).
 */
async function securityHeadersPlugin(fastify: FastifyInstance): Promise<void> {
  const setSecurityHeaders = helmet(HELMET_OPTIONS);
  fastify.addHook('onRequest', (request, reply, done) => setSecurityHeaders(request.raw, reply.raw, () => done()));
}

export default fp(securityHeadersPlugin, { fastify: '5.x', name: 'security-headers' });

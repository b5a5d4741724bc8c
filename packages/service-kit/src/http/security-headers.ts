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
 * The headers are what helmet's own middleware sets with HELMET_OPTIONS, recorded once
 * (`securityHeaders()`: none of them depends on the request) and added through `reply.headers`.
 * @fastify/helmet 13 calls `helmet(options)` again for every request, which re-parses the CSP
 * directives and rebuilds every header middleware: the backend's GET /health cost 131 µs of CPU
 * per request with it and 105 µs with helmet's middleware built once (median of 3 rounds, `node
 * tools/bench/src/pipeline-profile.ts --routes health,evaluate --rounds 3 --duration 4 --compare
 * DIR`, DIR a checkout with @fastify/helmet, 2026-12-06). Running that built middleware per
 * request still cost 12 `res.setHeader` calls, each validated by Node: a bare Fastify GET took
 * 10.6 / 12.3 µs more CPU per request with it and 7.3 / 5.8 µs more with these recorded headers
 * (two runs, medians of 6 interleaved rounds of 4,000 keep-alive requests, client and server in
 * one process on one core, load average ~20-26 from other work, 2026-12-07).
 */
async function securityHeadersPlugin(fastify: FastifyInstance): Promise<void> {
  const headers = securityHeaders();
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

export default fp(securityHeadersPlugin, { fastify: '5.x', name: 'security-headers' });

import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import helmet from 'helmet';

/** HSTS for a year with subdomains, a strict CSP that forbids framing, same-site CORP. */
export const HELMET_OPTIONS: FastifyHelmetOptions = {
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
  const { enableCSPNonces: _nonces, global: _global, ...options } = HELMET_OPTIONS as FastifyHelmetOptions & { enableCSPNonces?: boolean; global?: boolean };
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) { headers[name.toLowerCase()] = String(value); },
    removeHeader(name: string) { delete headers[name.toLowerCase()]; },
  };
  let failure: unknown;
  helmet(options as Parameters<typeof helmet>[0])({} as never, recorder as never, (error?: unknown) => { failure = error; });
  if (failure !== undefined) throw failure;
  return Object.freeze(headers);
}

/**
 * Security headers on every response Fastify sends, errors and 404s included (a route may still
 * replace one with `reply.header`, e.g. a stricter CSP).
 */
async function securityHeadersPlugin(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyHelmet, HELMET_OPTIONS);
}

export default fp(securityHeadersPlugin, { fastify: '5.x', name: 'security-headers' });

import type { FastifyRequest } from 'fastify';
import { normalizeIP } from '@fastify/rate-limit';

export interface PrincipalLimitSettings {
  windowMs: number;
  userMax: number;
  anonymousMax: number;
  apiKeyDefaultPerMinute: number;
  /** Route classes with their own per-user limit (RATE_LIMIT_CLASSES). */
  classLimits: ReadonlyMap<string, number>;
}

export interface PrincipalLimits {
  keyGenerator(request: FastifyRequest): string;
  max(request: FastifyRequest): number;
  /** A user's extra, smaller bucket on a route of a class named in RATE_LIMIT_CLASSES. */
  classLimit(request: FastifyRequest): { key: string; max: number } | undefined;
}

/** RATE_LIMIT_CLASSES: `name=max` pairs, comma-separated. */
export function parseClassLimits(spec: string): Map<string, number> {
  const limits = new Map<string, number>();
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, max] = part.split('=');
    const n = Number(max);
    if (!name || !Number.isInteger(n) || n < 1)
      throw new Error(`RATE_LIMIT_CLASSES: "${part}" is not name=positive-integer`);
    limits.set(name.trim(), n);
  }
  return limits;
}

/**
 * Who shares a bucket, and how big it is. Users: one bucket per user for all routes together
 * (`u:<id>`, RATE_LIMIT_USER_MAX, the documented total); a route of a class named in
 * RATE_LIMIT_CLASSES also counts in the user's class bucket (`u:<id>:<class>`, the class's max),
 * a cap within the total, never in addition to it. API keys: one bucket per key at the key's own
 * per-minute limit scaled to the window. No principal (public routes, 404s): per client IP, an
 * IPv6 client by its /64.
 */
export function principalLimits(settings: PrincipalLimitSettings): PrincipalLimits {
  const perWindow = (perMinute: number) => Math.max(1, Math.ceil((perMinute * settings.windowMs) / 60_000));
  return {
    keyGenerator(request) {
      const principal = request.principal;
      // Public routes (and routes of plugins registered before auth) carry no principal.
      if (principal == null) return `ip:${normalizeIP(request.ip)}`;
      return principal.kind === 'api_key' ? `k:${principal.id}` : `u:${principal.id}`;
    },
    max(request) {
      const principal = request.principal;
      if (principal == null) return settings.anonymousMax;
      if (principal.kind === 'api_key')
        return perWindow(principal.rateLimitPerMinute ?? settings.apiKeyDefaultPerMinute);
      return settings.userMax;
    },
    classLimit(request) {
      const principal = request.principal;
      const name = request.routeOptions.config.rateLimitClass;
      if (principal == null || principal.kind !== 'user' || name === undefined) return undefined;
      const max = settings.classLimits.get(name);
      return max === undefined ? undefined : { key: `u:${principal.id}:${name}`, max };
    },
  };
}

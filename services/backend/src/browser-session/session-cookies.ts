import { createHash, timingSafeEqual } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';

/**
 * The browser session's two cookies. `__Host-` names: the browser accepts them only when Secure,
 * Path=/ and without Domain, so a sibling subdomain cannot plant a session of its own.
 *
 * CSRF defence is a signed double-submit token: the CSRF token is a one-way digest of the refresh
 * token, so the server checks the X-CSRF-Token header against the httpOnly refresh cookie itself
 * (no server-side state, no extra secret), and a forged cookie pair is useless without a valid
 * refresh token. The CSRF cookie is readable by the page only so that it can send the header
 * after a reload; SameSite=Strict already keeps both cookies off cross-site requests.
 */
export const REFRESH_COOKIE = '__Host-ethixai-refresh';
export const CSRF_COOKIE = '__Host-ethixai-csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function csrfTokenFor(refreshToken: string): string {
  return createHash('sha256').update(`ethixai-csrf\0${refreshToken}`).digest('base64url');
}

/** Whether `presented` is the CSRF token of `refreshToken`, compared in constant time. */
export function csrfMatches(refreshToken: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const expected = Buffer.from(csrfTokenFor(refreshToken));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const BASE: CookieSerializeOptions = { secure: true, sameSite: 'strict', path: '/' };

export function refreshCookieOptions(maxAgeSeconds: number): CookieSerializeOptions {
  return { ...BASE, httpOnly: true, maxAge: maxAgeSeconds };
}

export function csrfCookieOptions(maxAgeSeconds: number): CookieSerializeOptions {
  return { ...BASE, httpOnly: false, maxAge: maxAgeSeconds };
}

/** Options that make the browser drop a cookie (same name, path and attributes, expired). */
export function expiredCookieOptions(httpOnly: boolean): CookieSerializeOptions {
  return { ...BASE, httpOnly, maxAge: 0, expires: new Date(0) };
}

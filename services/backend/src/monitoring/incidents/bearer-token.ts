import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Checks `Authorization: Bearer <token>` against the configured secret in constant time: both
 * sides are hashed first so neither the content nor the length of the secret leaks through timing.
 */
export function bearerMatches(header: string | undefined, secret: string): boolean {
  if (header === undefined || secret.length === 0) return false;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  const presented = m ? m[1] : '';
  const ok = timingSafeEqual(digest(presented), digest(secret));
  return ok && presented.length > 0;
}

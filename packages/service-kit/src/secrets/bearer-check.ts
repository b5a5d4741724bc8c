import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * A check of `Authorization: Bearer <token>` against the accepted tokens (several while one is
 * being rotated out). Both sides are hashed to fixed-length digests and every accepted token is
 * compared, so neither the content nor the length of a secret, nor which one matched, shows in the
 * time the check takes.
 */
export function createBearerCheck(accepted: readonly string[]): (authorization: string | undefined) => boolean {
  if (accepted.length === 0 || accepted.some((token) => token === ''))
    throw new Error('a bearer check needs at least one non-empty token');
  const digests = accepted.map(digest);
  return (authorization) => {
    const match = authorization === undefined ? null : BEARER.exec(authorization);
    const presented = digest(match?.[1] ?? '');
    let ok = false;
    for (const expected of digests) ok = timingSafeEqual(presented, expected) || ok;
    return ok && match !== null;
  };
}

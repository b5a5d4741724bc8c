import { createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { ConfigError } from '@ethixai/service-kit';

/**
 * The keys that seal audit entries (HMAC-SHA256). They come from the AUDIT_HMAC_KEYS secret, a
 * JSON array of symmetric JWKs (`{"kty":"oct","kid":"…","k":"<base64url, 32+ bytes>"}`): the FIRST
 * seals new entries, every listed key verifies the entries that name its kid. Never stored in the
 * database, so someone who can write the database cannot forge an entry.
 */
export interface HmacKeyRing {
  readonly currentKid: string;
  readonly current: KeyObject;
  readonly keys: ReadonlyMap<string, KeyObject>;
}

export interface HmacJwk {
  kty: 'oct';
  kid: string;
  k: string;
}

const MIN_KEY_BYTES = 32;

export function generateHmacJwk(): HmacJwk {
  return { kty: 'oct', kid: `audit-hmac-${randomUUID()}`, k: randomBytes(MIN_KEY_BYTES).toString('base64url') };
}

/** Parses the secret; `source` names it in errors (the variable or file the operator set). */
export function createHmacKeyRing(secret: string, source = 'AUDIT_HMAC_KEYS'): HmacKeyRing {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    throw new ConfigError({
      name: source,
      problem: 'not valid JSON (expected an array of {"kty":"oct","kid","k"} keys)',
    });
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new ConfigError({ name: source, problem: 'must be a non-empty JSON array of keys' });
  const keys = new Map<string, KeyObject>();
  for (const [i, jwk] of parsed.entries()) {
    if (jwk?.kty !== 'oct' || typeof jwk.kid !== 'string' || jwk.kid === '' || typeof jwk.k !== 'string') {
      throw new ConfigError({ name: `${source}[${i}]`, problem: 'must be a symmetric JWK with kty "oct", kid and k' });
    }
    const bytes = Buffer.from(jwk.k, 'base64url');
    if (bytes.length < MIN_KEY_BYTES)
      throw new ConfigError({ name: `${source}[${i}]`, problem: `key must be at least ${MIN_KEY_BYTES} bytes` });
    if (keys.has(jwk.kid)) throw new ConfigError({ name: source, problem: `duplicate kid ${jwk.kid}` });
    keys.set(jwk.kid, createSecretKey(bytes));
  }
  const currentKid = (parsed[0] as HmacJwk).kid;
  return Object.freeze({ currentKid, current: keys.get(currentKid) as KeyObject, keys });
}

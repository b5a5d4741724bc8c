import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import { ConfigError } from '@ethixai/service-kit';

/**
 * The access-token key ring. Keys come from the JWT_SIGNING_KEYS secret (a JSON array of private
 * Ed25519 JWKs): the FIRST signs, every listed key verifies. Rotation: prepend a new key and deploy
 * (old tokens keep verifying), retire the old key by removing it once its tokens have expired
 * (ACCESS_TOKEN_TTL_SECONDS). Private keys live with the secrets, not in the database, so a
 * database dump cannot mint tokens.
 */
export const SIGNING_ALG = 'EdDSA';

export interface KeyRing {
  readonly signingKid: string;
  readonly signingKey: CryptoKey;
  readonly verificationKeys: ReadonlyMap<string, CryptoKey>;
  /** Public halves only, for /.well-known/jwks.json. */
  readonly jwks: { keys: JWK[] };
}

export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: randomUUID(), alg: SIGNING_ALG, use: 'sig' };
}

export async function createKeyRing(secret: string): Promise<KeyRing> {
  const jwks = parseJwks(secret);
  const verificationKeys = new Map<string, CryptoKey>();
  const publicJwks: JWK[] = [];
  for (const jwk of jwks) {
    const { d: _private, ...publicJwk } = jwk;
    verificationKeys.set(jwk.kid as string, (await importJWK(publicJwk, SIGNING_ALG)) as CryptoKey);
    publicJwks.push(publicJwk);
  }
  const signingKid = jwks[0].kid as string;
  return Object.freeze({
    signingKid,
    signingKey: (await importJWK(jwks[0], SIGNING_ALG)) as CryptoKey,
    verificationKeys,
    jwks: { keys: publicJwks },
  });
}

function parseJwks(secret: string): JWK[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    throw new ConfigError({ name: 'JWT_SIGNING_KEYS', problem: 'not valid JSON (expected an array of private JWKs)' });
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new ConfigError({ name: 'JWT_SIGNING_KEYS', problem: 'must be a non-empty JSON array of private JWKs' });
  }
  const kids = new Set<string>();
  for (const [i, jwk] of parsed.entries()) {
    if (typeof jwk?.kid !== 'string' || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string') {
      throw new ConfigError({
        name: `JWT_SIGNING_KEYS[${i}]`,
        problem: 'must be a private Ed25519 JWK (kty OKP, crv Ed25519, d, kid)',
      });
    }
    if (kids.has(jwk.kid)) throw new ConfigError({ name: 'JWT_SIGNING_KEYS', problem: `duplicate kid ${jwk.kid}` });
    kids.add(jwk.kid);
  }
  return parsed as JWK[];
}

import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
  type KeyObject,
  type JsonWebKey,
} from 'node:crypto';
import { ConfigError } from '@ethixai/service-kit';

/**
 * The Ed25519 keys that sign checkpoints, from the AUDIT_SIGNING_KEYS secret: a JSON array of
 * OKP JWKs with kid. The FIRST must be private and signs; every listed key verifies. A retired key
 * stays in the list as its public half (drop `d`) for as long as the checkpoint log names it.
 */
export interface CheckpointKeyRing {
  /** Undefined when the first key is public only: such a ring verifies but cannot sign. */
  readonly signer?: { readonly kid: string; readonly key: KeyObject };
  readonly verifiers: ReadonlyMap<string, KeyObject>;
}

export function generateCheckpointJwk(): JsonWebKey & { kid: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { ...privateKey.export({ format: 'jwk' }), kid: `audit-sign-${randomUUID()}` };
}

export function createCheckpointKeyRing(secret: string, source = 'AUDIT_SIGNING_KEYS'): CheckpointKeyRing {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    throw new ConfigError({ name: source, problem: 'not valid JSON (expected an array of Ed25519 JWKs)' });
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new ConfigError({ name: source, problem: 'must be a non-empty JSON array of Ed25519 JWKs' });
  const verifiers = new Map<string, KeyObject>();
  let signer: CheckpointKeyRing['signer'];
  for (const [i, jwk] of parsed.entries()) {
    if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.kid !== 'string' || typeof jwk.x !== 'string') {
      throw new ConfigError({
        name: `${source}[${i}]`,
        problem: 'must be an Ed25519 JWK (kty OKP, crv Ed25519, x, kid)',
      });
    }
    if (verifiers.has(jwk.kid)) throw new ConfigError({ name: source, problem: `duplicate kid ${jwk.kid}` });
    try {
      const { kid, ...key } = jwk as JsonWebKey & { kid: string };
      if (i === 0 && typeof key.d === 'string') signer = { kid, key: createPrivateKey({ key, format: 'jwk' }) };
      verifiers.set(kid, createPublicKey({ key: { kty: key.kty, crv: key.crv, x: key.x }, format: 'jwk' }));
    } catch (err) {
      throw new ConfigError({
        name: `${source}[${i}]`,
        problem: `not a usable Ed25519 key (${(err as Error).message})`,
      });
    }
  }
  return Object.freeze({ signer, verifiers });
}

export function signBytes(key: KeyObject, data: string): string {
  return sign(null, Buffer.from(data), key).toString('base64url');
}

export function verifyBytes(key: KeyObject, data: string, signature: string): boolean {
  return verify(null, Buffer.from(data), key, Buffer.from(signature, 'base64url'));
}

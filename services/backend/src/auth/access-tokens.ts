import { randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify, type JWTHeaderParameters } from 'jose';
import type { Role } from '@ethixai/contracts';
import { httpError } from '../errors.ts';
import { SIGNING_ALG, type KeyRing } from './signing-keys.ts';

export interface AccessClaims {
  sub: string;
  org: string;
  role: Role;
}

export interface AccessTokenIssuer {
  readonly ttlSeconds: number;
  sign(claims: AccessClaims): Promise<string>;
  /** Throws BE_ERR_TOKEN_EXPIRED or BE_ERR_INVALID_TOKEN. */
  verify(token: string): Promise<AccessClaims>;
}

/** Claims a token must carry; without any of them it is refused, whatever its signature. */
const REQUIRED_CLAIMS = ['exp', 'iat', 'iss', 'aud', 'sub'];

/**
 * `clockSkewSeconds` tolerates clocks of replicas (and of whoever minted the token) that disagree
 * by that much on `exp` and `iat`. A token older than the configured lifetime is refused even when
 * its own `exp` says otherwise, so a key that signs long-lived tokens cannot outlast the policy.
 */
export function createAccessTokenIssuer(
  ring: KeyRing,
  issuer: string,
  ttlSeconds: number,
  clockSkewSeconds = 0,
): AccessTokenIssuer {
  const keyFor = (header: JWTHeaderParameters) => {
    const key = header.kid === undefined ? undefined : ring.verificationKeys.get(header.kid);
    if (!key) throw httpError('BE_ERR_INVALID_TOKEN', 'Access token signed by an unknown key');
    return key;
  };
  return {
    ttlSeconds,
    sign: (claims) =>
      new SignJWT({ org: claims.org, role: claims.role })
        .setProtectedHeader({ alg: SIGNING_ALG, kid: ring.signingKid, typ: 'at+jwt' })
        .setSubject(claims.sub)
        .setIssuer(issuer)
        .setAudience(issuer)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(ring.signingKey),
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, keyFor, {
          issuer,
          audience: issuer,
          algorithms: [SIGNING_ALG],
          typ: 'at+jwt',
          requiredClaims: REQUIRED_CLAIMS,
          maxTokenAge: ttlSeconds,
          clockTolerance: clockSkewSeconds,
        });
        if (typeof payload.sub !== 'string' || typeof payload.org !== 'string' || typeof payload.role !== 'string') {
          throw httpError('BE_ERR_INVALID_TOKEN', 'Access token lacks required claims');
        }
        return { sub: payload.sub, org: payload.org, role: payload.role as Role };
      } catch (err) {
        if (err instanceof errors.JWTExpired) throw httpError('BE_ERR_TOKEN_EXPIRED', 'Access token has expired');
        if (err instanceof errors.JOSEError) throw httpError('BE_ERR_INVALID_TOKEN', 'Access token is invalid');
        throw err;
      }
    },
  };
}

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

export function createAccessTokenIssuer(ring: KeyRing, issuer: string, ttlSeconds: number): AccessTokenIssuer {
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
        const { payload } = await jwtVerify(token, keyFor, { issuer, audience: issuer, algorithms: [SIGNING_ALG], typ: 'at+jwt' });
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

import { describe, expect, it } from 'vitest';
import { createAccessTokenIssuer } from '../../src/auth/access-tokens.ts';
import { createKeyRing, generateSigningJwk } from '../../src/auth/signing-keys.ts';

const claims = { sub: 'u-1', org: 'o-1', role: 'analyst' as const };

describe('signing key rotation', () => {
  it('new key signs, old key still verifies, a retired key no longer does', async () => {
    const oldKey = await generateSigningJwk();
    const newKey = await generateSigningJwk();
    const before = createAccessTokenIssuer(await createKeyRing(JSON.stringify([oldKey])), 'iss', 900);
    const during = createAccessTokenIssuer(await createKeyRing(JSON.stringify([newKey, oldKey])), 'iss', 900);
    const after = createAccessTokenIssuer(await createKeyRing(JSON.stringify([newKey])), 'iss', 900);

    const oldToken = await before.sign(claims);
    const newToken = await during.sign(claims);
    expect(JSON.parse(Buffer.from(newToken.split('.')[0], 'base64url').toString()).kid).toBe(newKey.kid);

    expect(await during.verify(oldToken)).toEqual(claims);
    expect(await after.verify(newToken)).toEqual(claims);
    await expect(after.verify(oldToken)).rejects.toMatchObject({ code: 'BE_ERR_INVALID_TOKEN' });
    await expect(before.verify(newToken)).rejects.toMatchObject({ code: 'BE_ERR_INVALID_TOKEN' });
  });

  it('publishes every verification key in the JWKS, signing key first', async () => {
    const a = await generateSigningJwk();
    const b = await generateSigningJwk();
    const ring = await createKeyRing(JSON.stringify([a, b]));
    expect(ring.jwks.keys.map((k) => k.kid)).toEqual([a.kid, b.kid]);
    expect(ring.signingKid).toBe(a.kid);
  });

  it('rejects a token for another issuer/audience', async () => {
    const ring = await createKeyRing(JSON.stringify([await generateSigningJwk()]));
    const token = await createAccessTokenIssuer(ring, 'other', 900).sign(claims);
    await expect(createAccessTokenIssuer(ring, 'iss', 900).verify(token)).rejects.toMatchObject({
      code: 'BE_ERR_INVALID_TOKEN',
    });
  });
});

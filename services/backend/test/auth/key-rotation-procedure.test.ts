/**
 * The signing-key rotation procedure of docs/deploy/PRODUCTION.md ("Secret rotation"), checked as
 * a rolling update sees it: during each step two configurations serve side by side (pods not yet
 * restarted and pods already restarted), so every token either one signs must verify on both.
 * The three-step procedure passes; prepending the new key in one step (what architecture.md's
 * one-liner suggests) would fail requests mid-rollout, which is why the runbook does not.
 */
import { describe, expect, it } from 'vitest';
import { createAccessTokenIssuer } from '../../src/auth/access-tokens.ts';
import { createKeyRing, generateSigningJwk } from '../../src/auth/signing-keys.ts';

const claims = { sub: 'u-1', org: 'o-1', role: 'analyst' as const };
type Jwk = Awaited<ReturnType<typeof generateSigningJwk>>;
const issuer = async (keys: Jwk[]) => createAccessTokenIssuer(await createKeyRing(JSON.stringify(keys)), 'iss', 900);

/** Requests that fail while `before` and `after` serve side by side: tokens of either, checked by the other. */
async function failuresDuringRollout(before: Jwk[], after: Jwk[]): Promise<number> {
  const [a, b] = [await issuer(before), await issuer(after)];
  let failed = 0;
  for (const [signer, verifier] of [
    [a, b],
    [b, a],
    [a, a],
    [b, b],
  ] as const) {
    await verifier.verify(await signer.sign(claims)).catch(() => {
      failed += 1;
    });
  }
  return failed;
}

describe('JWT signing key rotation procedure', () => {
  it('add the new key second, then make it first, then (after the token lifetime) drop the old: no failed request', async () => {
    const [oldKey, newKey] = [await generateSigningJwk(), await generateSigningJwk()];
    const steps = [[oldKey], [oldKey, newKey], [newKey, oldKey]];
    for (let i = 1; i < steps.length; i++)
      expect(await failuresDuringRollout(steps[i - 1]!, steps[i]!), `step ${i}`).toBe(0);
    // Last step: only tokens signed with the new key are still alive (ACCESS_TOKEN_TTL_SECONDS has passed).
    const [lastButOne, last] = [await issuer([newKey, oldKey]), await issuer([newKey])];
    expect(await last.verify(await lastButOne.sign(claims))).toEqual(claims);
    expect(await lastButOne.verify(await last.sign(claims))).toEqual(claims);
  });

  it('prepending the new key in one step fails requests while old pods still serve', async () => {
    const [oldKey, newKey] = [await generateSigningJwk(), await generateSigningJwk()];
    expect(await failuresDuringRollout([oldKey], [newKey, oldKey])).toBeGreaterThan(0);
  });
});

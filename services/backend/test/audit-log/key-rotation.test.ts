import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { connect } from '../../src/db/connect.ts';
import { appendAudit, readChain } from '../../src/audit-log/audit-log-repository.ts';
import { emptyFold, foldLines } from '../../src/audit-log/checkpoint-fold.ts';
import { readLines } from '../../src/audit-log/checkpoint-file.ts';
import { createCheckpointKeyRing, generateCheckpointJwk } from '../../src/audit-log/checkpoint-keys.ts';
import { checkpointFile } from '../../src/audit-log/checkpoint-settings.ts';
import { createHmacKeyRing, generateHmacJwk } from '../../src/audit-log/hmac-keys.ts';
import { verifyAuditTrail } from '../../src/audit-log/verify-chain.ts';
import { build, type TestApp } from '../helper.ts';
import type { TestDialect } from '../dialects.ts';
import { records } from './trail.ts';

function append(db: Kysely<Database>, orgId: string, i: number) {
  return appendAudit(db, {
    orgId,
    actor: { kind: 'system', id: 'test' },
    action: 'test.append',
    target: { type: 'thing', id: String(i) },
    requestId: null,
    digest: 'd',
  });
}

/**
 * Rotating both keys as README.md describes: the new key is added where it only verifies, then put
 * first so it seals (HMAC) or signs (checkpoints); the old one stays to verify what it sealed or
 * signed (a retired signing key as its public half). Old entries verify with old key ids, new with new.
 */
describe('key rotation', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-rotate-'));
  const url = `sqlite:${path.join(dir, 'db.sqlite')}`;
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const [k1, k2] = [generateHmacJwk(), generateHmacJwk()];
  const [s1, s2] = [generateCheckpointJwk(), generateCheckpointJwk()];
  const { d: _private, ...s1Public } = s1;

  /** A backend (a deploy) with these key files, on the one database. */
  async function deploy(hmac: object[], signing: object[]): Promise<TestApp> {
    const n = apps.length;
    fs.writeFileSync(path.join(dir, `hmac-${n}.json`), JSON.stringify(hmac));
    fs.writeFileSync(path.join(dir, `signing-${n}.json`), JSON.stringify(signing));
    const sameDatabase: TestDialect = {
      name: 'sqlite',
      async open() {
        const handle = connect({ url });
        return { handle, url, dispose: () => handle.close() };
      },
    };
    const app = await build(
      {
        AUDIT_HMAC_KEYS_FILE: path.join(dir, `hmac-${n}.json`),
        AUDIT_SIGNING_KEYS_FILE: path.join(dir, `signing-${n}.json`),
        AUDIT_CHECKPOINT_DIR: path.join(dir, 'volume'),
      },
      sameDatabase,
    );
    apps.push(app);
    return app;
  }

  it('old entries verify with old key ids, new with new; each checkpoint names its signing key', async () => {
    const first = await deploy([k1], [s1]);
    const orgId = first.admin.orgId;
    for (let i = 1; i <= 3; i++) await append(first.app.db, orgId, i);
    expect((await first.app.auditCheckpoints.tick()).status).toBe('written');
    await first.close();
    apps.length = 0;

    // Step 1: every replica learns the new keys (they verify, the old ones still seal and sign).
    const learning = await deploy([k1, k2], [s1, s2]);
    await append(learning.app.db, orgId, 4);
    expect((await learning.app.auditCheckpoints.tick()).status).toBe('written');
    await learning.close();
    apps.length = 0;

    // Step 2: the new keys go first; the old signing key stays as its public half only.
    const rotated = await deploy([k2, k1], [s2, s1Public]);
    for (let i = 5; i <= 6; i++) await append(rotated.app.db, orgId, i);
    expect((await rotated.app.auditCheckpoints.tick()).status).toBe('written');

    expect((await readChain(rotated.app.db, orgId)).map((r) => r.keyId)).toEqual([
      k1.kid,
      k1.kid,
      k1.kid,
      k1.kid,
      k2.kid,
      k2.kid,
    ]);
    expect((await records(rotated.app)).map((r) => r.kid)).toEqual([s1.kid, s1.kid, s2.kid]);

    const file = checkpointFile(rotated.app.config);
    const verify = async (hmac: object[], signing: object[]) =>
      verifyAuditTrail(rotated.app.db, {
        hmacKeys: createHmacKeyRing(JSON.stringify(hmac)).keys,
        checkpoints: foldLines(
          emptyFold(),
          (await readLines(file)).lines,
          createCheckpointKeyRing(JSON.stringify(signing)),
        ),
        orgId,
      });
    const current = await verify([k2, k1], [s2, s1Public]);
    expect([current.status, current.orgs[0].anchoredSize, current.checkpoints.problems]).toEqual(['clean', 6, []]);

    // A verifier that was not given the old HMAC key cannot vouch for the old entries, and says so.
    const withoutOldHmac = await verify([k2], [s2, s1Public]);
    expect(withoutOldHmac.status).toBe('unverifiable');
    expect(withoutOldHmac.orgs[0].findings).toEqual([
      expect.objectContaining({ kind: 'unknown_key', fromSeq: 1, toSeq: 4 }),
    ]);
    // Nor, without the old signing key, for the checkpoints it signed.
    const withoutOldSigning = await verify([k2, k1], [s2]);
    expect(withoutOldSigning.status).toBe('tampered');
    expect(withoutOldSigning.checkpoints.problems).toEqual([
      { line: 1, problem: `signed with key id ${s1.kid}, which is not in AUDIT_SIGNING_KEYS` },
      { line: 2, problem: `signed with key id ${s1.kid}, which is not in AUDIT_SIGNING_KEYS` },
    ]);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { appendAudit } from '../../src/audit-log/audit-log-repository.ts';
import { auditKeysOf } from '../../src/audit-log/audit-keys-binding.ts';
import { checkpointLease } from '../../src/audit-log/checkpoint-lease.ts';
import { checkpointFile } from '../../src/audit-log/checkpoint-settings.ts';
import { createCheckpointKeyRing, generateCheckpointJwk } from '../../src/audit-log/checkpoint-keys.ts';
import { generateHmacJwk } from '../../src/audit-log/hmac-keys.ts';
import { recordRestore, RestoreRefused } from '../../src/audit-log/restore-record.ts';
import { build, type TestApp } from '../helper.ts';
import { DIALECTS, type TestDatabase, type TestDialect } from '../dialects.ts';
import { runAuditCli } from './audit-cli-runner.ts';
import { copyAuditTables } from './copy-database.ts';
import { records, verifyWithApp } from './trail.ts';

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
 * A restore from backup, simulated: copy the database (the backup), append and checkpoint more,
 * then put the copy back. The restore appends a signed restore record naming the backup's heads,
 * and `verify` reports the rollback as `restored` (exit 3), never clean and never truncated.
 */
for (const dialect of DIALECTS)
  describe(`${dialect.name}: a restore from backup`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-restore-'));
    const env = {
      AUDIT_HMAC_KEYS_FILE: path.join(dir, 'hmac.json'),
      AUDIT_SIGNING_KEYS_FILE: path.join(dir, 'signing.json'),
      AUDIT_CHECKPOINT_DIR: path.join(dir, 'volume'),
    };
    let t: TestApp;
    let orgId: string;
    let backup: TestDatabase;
    let restoredApp: TestApp | undefined;
    beforeAll(async () => {
      fs.writeFileSync(env.AUDIT_HMAC_KEYS_FILE, JSON.stringify([generateHmacJwk()]));
      fs.writeFileSync(env.AUDIT_SIGNING_KEYS_FILE, JSON.stringify([generateCheckpointJwk()]));
      t = await build(env, dialect);
      orgId = t.admin.orgId;
      for (let i = 1; i <= 5; i++) await append(t.app.db, orgId, i);
      await t.app.auditCheckpoints.tick();
      backup = await copyAuditTables(t.app.db, dialect);
      for (let i = 6; i <= 10; i++) await append(t.app.db, orgId, i);
      await t.app.auditCheckpoints.tick();
    });
    afterAll(async () => {
      await restoredApp?.close();
      await t?.close();
      await backup?.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const orgOf = async (db: Kysely<Database>) => (await verifyWithApp(t.app, db)).orgs.find((o) => o.orgId === orgId);
    const options = (db: Kysely<Database>) => ({
      db,
      file: checkpointFile(t.app.config),
      hmacKeys: auditKeysOf(t.app.db),
      signingKeys: createCheckpointKeyRing(t.app.secrets.AUDIT_SIGNING_KEYS),
      holder: 'restore-test',
    });

    it('without a restore record, the restored database is truncated against the checkpoint', async () => {
      expect((await records(t.app)).map((r) => [r.type, r.heads[orgId].size])).toEqual([
        ['checkpoint', 5],
        ['checkpoint', 10],
      ]);
      expect((await orgOf(backup.handle.db))?.findings).toEqual([
        expect.objectContaining({ kind: 'truncated', fromSeq: 6, toSeq: 10 }),
      ]);
    });

    it('is refused while a backend on that database holds the checkpoint lease (stop the backends first)', async () => {
      expect((await checkpointLease(t.app.db).current())?.holder).toBe(t.app.auditCheckpoints.holder);
      await expect(recordRestore(options(t.app.db))).rejects.toThrow(
        `the checkpoint writer ${t.app.auditCheckpoints.holder} holds the lease until`,
      );
      expect(await records(t.app)).toHaveLength(2);
    });

    it('is refused for a backup whose own chain is broken', async () => {
      const broken = await copyAuditTables(backup.handle.db, dialect);
      try {
        await broken.handle.db.updateTable('audit_log').set({ action: 'x' }).where('seq', '=', 2).execute();
        const refused = await recordRestore(options(broken.handle.db)).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(RestoreRefused);
        expect((refused as RestoreRefused).findings).toEqual([
          expect.objectContaining({ orgId, kind: 'rewritten', fromSeq: 2, toSeq: 2 }),
        ]);
        expect(await records(t.app)).toHaveLength(2);
      } finally {
        await broken.dispose();
      }
    });

    it('with the restore record, the rollback is reported as restored: never clean, never truncated', async () => {
      if (dialect.name === 'sqlite') {
        const run = await runAuditCli(['record-restore'], backup.url, t.dataDir, env);
        expect([run.code, run.stderr]).toEqual([0, '']);
        expect(run.stdout).toContain(
          `restore record #3 appended to ${checkpointFile(t.app.config)}: 1 chains, 5 entries`,
        );
        expect(run.stdout).toContain(`org ${orgId}: rolled back from seq 10 to seq 5`);
        const verify = await runAuditCli(['verify'], backup.url, t.dataDir, env);
        expect(verify.code).toBe(3);
        expect(verify.stdout.split('\n')[0]).toBe('audit trail: restored');
        expect(verify.stdout).toMatch(
          new RegExp(
            `org ${orgId}: restored, 5 entries\\n  restored +seq 6\\.\\.10: restore record #3 .* rolled the chain back to seq 5; checkpoint #2 .* had vouched for 10 entries`,
          ),
        );
      } else {
        const { record, rolledBack } = await recordRestore(options(backup.handle.db));
        expect([record.type, record.n, record.heads]).toEqual([
          'restore',
          3,
          { [orgId]: expect.objectContaining({ size: 5 }) },
        ]);
        expect(rolledBack).toEqual([{ orgId, from: 10, to: 5 }]);
      }
      const report = await verifyWithApp(t.app, backup.handle.db);
      expect(report.status).toBe('restored');
      expect(report.orgs.find((o) => o.orgId === orgId)).toMatchObject({
        status: 'restored',
        anchoredSize: 5,
        findings: [expect.objectContaining({ kind: 'restored', fromSeq: 6, toSeq: 10 })],
      });
    });

    it("a backend on the restored database goes on checkpointing from the backup's head; the rollback stays reported", async () => {
      const restored: TestDialect = {
        name: dialect.name,
        async open() {
          return { ...backup, dispose: async () => {} };
        },
      };
      restoredApp = await build(env, restored);
      for (let i = 6; i <= 8; i++) await append(restoredApp.app.db, orgId, 100 + i);
      expect((await restoredApp.app.auditCheckpoints.tick()).status).toBe('written');
      const log = await records(t.app);
      expect(log.map((r) => [r.type, r.heads[orgId]?.size])).toEqual([
        ['checkpoint', 5],
        ['checkpoint', 10],
        ['restore', 5],
        ['checkpoint', 8],
      ]);
      const org = await orgOf(backup.handle.db);
      expect(org).toMatchObject({ status: 'restored', entries: 8, anchoredSize: 8 });
      expect(org?.findings.map((f) => f.kind)).toEqual(['restored']);
      // And a later cut is truncation again: the restore covers only its own rollback.
      await backup.handle.db.deleteFrom('audit_log').where('org_id', '=', orgId).where('seq', '>', 6).execute();
      expect((await orgOf(backup.handle.db))?.findings.map((f) => [f.kind, f.fromSeq, f.toSeq])).toEqual([
        ['restored', 6, 10],
        ['truncated', 7, 8],
      ]);
    });
  });

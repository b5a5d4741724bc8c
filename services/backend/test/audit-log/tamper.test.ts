import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { appendAudit, readChain } from '../../src/audit-log/audit-log-repository.ts';
import { auditKeysOf, withAuditKeys } from '../../src/audit-log/audit-keys-binding.ts';
import { contentOf, legacyEntryHash } from '../../src/audit-log/hash-chain.ts';
import { build, type TestApp } from '../helper.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';
import { runAuditCli } from './audit-cli-runner.ts';
import { verifyWithApp } from './trail.ts';
import { copyAuditTables } from './copy-database.ts';

/**
 * The tamper test (issue 17): on a copy of a checkpointed database, someone with write access to
 * the database but not to the keys or the checkpoint volume rewrites an entry, deletes one, cuts
 * the tail, or rehashes the whole chain; `verify` reports each one, with the organisation and seqs.
 */
for (const dialect of DIALECTS)
  describe(`${dialect.name}: tampering with a copy of the database`, () => {
    let t: TestApp;
    let orgA: string;
    let orgB: string;
    const copies: TestDatabase[] = [];

    beforeAll(async () => {
      t = await build({}, dialect);
      orgA = t.admin.orgId;
      orgB = (await t.createOrg()).orgId;
      for (let i = 1; i <= 10; i++) await append(t.app.db, orgA, i);
      for (let i = 1; i <= 4; i++) await append(t.app.db, orgB, i);
      expect((await t.app.auditCheckpoints.tick()).status).toBe('written');
    });
    afterAll(async () => {
      for (const c of copies) await c.dispose();
      await t?.close();
    });

    function append(db: Kysely<Database>, orgId: string, i: number) {
      return appendAudit(db, {
        orgId,
        actor: { kind: 'user', id: 'u1' },
        action: 'model.create',
        target: { type: 'model', id: `m${i}` },
        requestId: `r${i}`,
        digest: 'd'.repeat(64),
      });
    }

    async function copy(): Promise<TestDatabase> {
      const c = await copyAuditTables(t.app.db, dialect);
      copies.push(c);
      return c;
    }

    const rewrite = (db: Kysely<Database>) =>
      db
        .updateTable('audit_log')
        .set({ target_id: 'someone-else' })
        .where('org_id', '=', orgA)
        .where('seq', '=', 3)
        .execute();
    const deleteOne = (db: Kysely<Database>) =>
      db.deleteFrom('audit_log').where('org_id', '=', orgA).where('seq', '=', 5).execute();
    /** Cuts seq 8..10 and, to cover it up, points the head row at seq 7. */
    async function truncateTail(db: Kysely<Database>) {
      await db.deleteFrom('audit_log').where('org_id', '=', orgA).where('seq', '>=', 8).execute();
      const last = await db
        .selectFrom('audit_log')
        .select('hash')
        .where('org_id', '=', orgA)
        .where('seq', '=', 7)
        .executeTakeFirstOrThrow();
      await db.updateTable('audit_chain_heads').set({ seq: 7, hash: last.hash }).where('org_id', '=', orgA).execute();
    }
    /** Edits seq 2, then recomputes every hash with plain sha256 (the key is not in the database). */
    async function rehashAll(db: Kysely<Database>, keyId: 'keep' | 'clear') {
      let prev = '0'.repeat(64);
      for (const row of await readChain(db, orgA)) {
        const edited = { ...row, prevHash: prev, actorId: row.seq === 2 ? 'nobody' : row.actorId };
        const hash = legacyEntryHash(prev, contentOf(edited));
        await db
          .updateTable('audit_log')
          .set({ actor_id: edited.actorId, prev_hash: prev, hash, ...(keyId === 'clear' ? { key_id: null } : {}) })
          .where('org_id', '=', orgA)
          .where('seq', '=', row.seq)
          .execute();
        prev = hash;
      }
      await db.updateTable('audit_chain_heads').set({ hash: prev }).where('org_id', '=', orgA).execute();
    }

    async function findingsAfter(tamper: (db: Kysely<Database>) => Promise<unknown>) {
      const c = await copy();
      await tamper(c.handle.db);
      const report = await verifyWithApp(t.app, c.handle.db);
      expect(report.orgs.find((o) => o.orgId === orgB)).toMatchObject({ status: 'clean', findings: [] });
      return {
        report,
        findings: report.orgs
          .find((o) => o.orgId === orgA)
          ?.findings.map(({ kind, orgId, fromSeq, toSeq }) => ({ kind, orgId, fromSeq, toSeq })),
      };
    }

    it('an untouched copy verifies clean against the checkpoint', async () => {
      const { report } = await findingsAfter(async () => {});
      expect(report.status).toBe('clean');
      expect(report.orgs.find((o) => o.orgId === orgA)).toMatchObject({ entries: 10, anchoredSize: 10, findings: [] });
    });

    it('rewrite: an edited entry is reported as rewritten at its seq', async () => {
      const { report, findings } = await findingsAfter(rewrite);
      expect(report.status).toBe('tampered');
      expect(findings).toEqual([{ kind: 'rewritten', orgId: orgA, fromSeq: 3, toSeq: 3 }]);
    });

    it('delete: a deleted entry is reported as deleted at its seq', async () => {
      expect((await findingsAfter(deleteOne)).findings).toEqual([
        { kind: 'deleted', orgId: orgA, fromSeq: 5, toSeq: 5 },
      ]);
    });

    it('truncate: a cut tail is reported as truncated, even with the head row moved to match', async () => {
      const { findings, report } = await findingsAfter(truncateTail);
      expect(findings).toEqual([{ kind: 'truncated', orgId: orgA, fromSeq: 8, toSeq: 10 }]);
      expect(report.orgs.find((o) => o.orgId === orgA)?.findings[0].detail).toMatch(
        /ends at seq 7; checkpoint #1 .* vouched for 10 entries/,
      );
    });

    it('truncate and grow again: entries appended (with the key) after a cut do not hide it', async () => {
      const { findings } = await findingsAfter(async (db) => {
        await truncateTail(db);
        const keyed = withAuditKeys(db, auditKeysOf(t.app.db));
        for (let i = 8; i <= 11; i++) await append(keyed, orgA, 100 + i);
      });
      expect(findings).toEqual([{ kind: 'truncated', orgId: orgA, fromSeq: 1, toSeq: 10 }]);
    });

    it('rehash: the whole chain recomputed without the key is reported as rehashed, key ids kept or cleared', async () => {
      expect((await findingsAfter((db) => rehashAll(db, 'keep'))).findings).toEqual([
        { kind: 'rehashed', orgId: orgA, fromSeq: 1, toSeq: 10 },
      ]);
      expect((await findingsAfter((db) => rehashAll(db, 'clear'))).findings).toEqual([
        { kind: 'rehashed', orgId: orgA, fromSeq: 1, toSeq: 10 },
      ]);
    });

    it('all at once, through the command: each finding on its own line with organisation and seq; exit 1', async () => {
      const c = await copy();
      await rewrite(c.handle.db);
      await deleteOne(c.handle.db);
      await truncateTail(c.handle.db);
      const run = await runAuditCli(['verify'], c.url, t.dataDir);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const lines = run.stdout.split('\n');
      expect(lines[0]).toBe('audit trail: tampered');
      const orgLine = lines.findIndex((l) => l.startsWith(`org ${orgA}: tampered, 6 entries`));
      expect(orgLine).toBeGreaterThan(0);
      expect(lines.slice(orgLine + 1, orgLine + 4).map((l) => l.replace(/:.*/, '').trim().split(/\s+/))).toEqual([
        ['rewritten', 'seq', '3'],
        ['deleted', 'seq', '5'],
        ['truncated', 'seq', '8..10'],
      ]);
      expect(run.stdout).toContain(`org ${orgB}: clean, 4 entries`);
      const clean = await runAuditCli(['verify'], (await copy()).url, t.dataDir);
      expect([clean.code, clean.stdout.split('\n')[0]]).toEqual([0, 'audit trail: clean']);
    });

    it('the checkpoint writer refuses to sign a tampered chain, so the next checkpoint cannot launder it', async () => {
      await truncateTail(t.app.db);
      await append(t.app.db, orgB, 5);
      const tick = await t.app.auditCheckpoints.tick();
      expect(tick.status).toBe('written');
      // Only orgB's growth was signed; orgA stays at its last good head.
      expect(tick.status === 'written' && tick.record.heads).toEqual({ [orgB]: expect.objectContaining({ size: 5 }) });
      const report = await verifyWithApp(t.app);
      expect(report.orgs.find((o) => o.orgId === orgA)?.findings).toEqual([
        expect.objectContaining({ kind: 'truncated', fromSeq: 8, toSeq: 10 }),
      ]);
    });
  });

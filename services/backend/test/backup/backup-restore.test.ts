import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { auditKeysOf } from '../../src/audit-log/audit-keys-binding.ts';
import { createCheckpointKeyRing, generateCheckpointJwk } from '../../src/audit-log/checkpoint-keys.ts';
import { checkpointFile } from '../../src/audit-log/checkpoint-settings.ts';
import { generateHmacJwk } from '../../src/audit-log/hmac-keys.ts';
import type { BackupSettings } from '../../src/backup/backup-settings.ts';
import { restoreBackup, type RestoreSummary } from '../../src/backup/restore-backup.ts';
import { takeBackup } from '../../src/backup/take-backup.ts';
import { connect } from '../../src/db/connect.ts';
import { erasureLogPath } from '../../src/monitoring/retention/erasure-log.ts';
import { createReportsRepository } from '../../src/reports/reports-repository.ts';
import type { ReportTables } from '../../src/reports/reports-table.ts';
import { build, type TestApp } from '../helper.ts';
import { DIALECTS, type TestDialect } from '../dialects.ts';
import { runAuditCli } from '../audit-log/audit-cli-runner.ts';
import { runEntry } from '../process.ts';
import { createModel, decision, evaluate } from '../monitoring/fixtures.ts';

type Rows = Record<string, unknown>[];

/**
 * Back up, keep working (a checkpoint covers what follows the backup, a subject is erased), wipe
 * the database and restore: every report, evaluation and audit entry of the backup comes back
 * identical, `verify` says `restored`, and the subject erased after the backup stays erased.
 */
for (const dialect of DIALECTS)
  describe(`${dialect.name}: backup and restore`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-backup-'));
    const env = {
      AUDIT_HMAC_KEYS_FILE: path.join(dir, 'hmac.json'),
      AUDIT_SIGNING_KEYS_FILE: path.join(dir, 'signing.json'),
      AUDIT_CHECKPOINT_DIR: path.join(dir, 'volume'),
    };
    const backupDir = path.join(dir, 'backups', '2026-12-06');
    let url = '';
    const capturing: TestDialect = {
      name: dialect.name,
      async open() {
        const d = await dialect.open();
        url = d.url;
        return d;
      },
    };
    let t: TestApp;
    let settings: BackupSettings;
    let orgId: string;
    let before: { reports: Rows; evaluations: Rows; audit: Rows };
    let erasedIds: string[];
    let restored: RestoreSummary;
    let after: { reports: Rows; evaluations: Rows; audit: Rows };

    const snapshot = async (db: TestApp['app']['db']) => ({
      reports: await db.selectFrom('reports').selectAll().orderBy('id').execute(),
      evaluations: await db.selectFrom('evaluations').selectAll().orderBy('id').execute(),
      audit: await db.selectFrom('audit_log').selectAll().orderBy('org_id').orderBy('seq').execute(),
    });

    beforeAll(async () => {
      fs.writeFileSync(env.AUDIT_HMAC_KEYS_FILE, JSON.stringify([generateHmacJwk()]));
      fs.writeFileSync(env.AUDIT_SIGNING_KEYS_FILE, JSON.stringify([generateCheckpointJwk()]));
      t = await build({ ...env, MONITORING_CACHE_TTL_MS: '0' }, capturing);
      orgId = t.admin.orgId;
      settings = {
        databaseUrl: url,
        checkpointFile: checkpointFile(t.app.config),
        erasureLog: erasureLogPath(t.app.config),
        hmacKeys: auditKeysOf(t.app.db),
        signingKeys: createCheckpointKeyRing(t.app.secrets.AUDIT_SIGNING_KEYS),
      };
      const modelId = (await createModel(t)).id;
      const stored = await evaluate(t, {
        decisions: [
          decision(modelId, 'A', 1, { subjectId: 'person-1' }),
          decision(modelId, 'B', 0, { subjectId: 'person-1' }),
          decision(modelId, 'A', 0, { subjectId: 'person-2' }),
          decision(modelId, 'B', 1),
        ],
      });
      expect(stored.statusCode).toBe(200);
      erasedIds = stored
        .json()
        .results.slice(0, 2)
        .map((r: { evaluation: { id: string } }) => r.evaluation.id);
      const reports = createReportsRepository(t.app.db as unknown as Kysely<ReportTables>);
      for (const verdict of ['pass', 'fail'] as const) {
        await reports.insert({
          orgId,
          createdBy: t.admin.id,
          datasetId: null,
          verdict,
          riskLevel: 'low',
          rows: 10,
          engineVersion: 'test',
          inputDigest: `d-${verdict}`,
          result: Buffer.from(`{"verdict":"${verdict}"}`),
        });
      }
      expect((await t.app.auditCheckpoints.tick()).status).toBe('written');
      before = await snapshot(t.app.db);
    });
    afterAll(async () => {
      if (dialect.name === 'postgres' && url) {
        const schema = /search_path=(\w+)/.exec(decodeURIComponent(url))?.[1];
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('writes a backup verified in a scratch database, with row counts and the audit heads in its manifest', async () => {
      const manifest =
        dialect.name === 'sqlite'
          ? await (async () => {
              const run = await runEntry(
                'backup/backup-cli.ts',
                ['backup', '--out', backupDir],
                { DATABASE_URL: url, DATA_DIR: t.dataDir, ...env },
                60_000,
              );
              expect([run.code, run.stderr]).toEqual([0, '']);
              expect(run.stdout).toMatch(
                /verified in a scratch copy of the file: ok, audit trail clean, \d+ tables, \d+ rows/,
              );
              return JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
            })()
          : await takeBackup(settings, backupDir);
      expect(manifest).toMatchObject({
        v: 1,
        dialect: dialect.name,
        verification: { audit: 'clean', auditHeads: { [orgId]: before.audit.length } },
      });
      expect(manifest.verification.tables).toMatchObject({
        reports: 2,
        evaluations: 4,
        audit_log: before.audit.length,
      });
      expect(manifest.verification.integrity).toBe(dialect.name === 'sqlite' ? 'ok' : 'pg_restore ok');
      await expect(takeBackup(settings, backupDir)).rejects.toThrow('already holds a backup');
    });

    it('after the backup: a subject is erased, more is written and checkpointed; then the backend stops and the database is wiped', async () => {
      const erased = await t.injectAs(t.admin, { method: 'DELETE', url: '/v1/subjects/person-1' });
      expect([erased.statusCode, erased.json()]).toEqual([200, { deleted: 2 }]);
      const log = fs.readFileSync(settings.erasureLog, 'utf8');
      expect(log).toContain('"kind":"subject"');
      expect(log).not.toContain('person-1');
      await t.injectAs(t.admin, { method: 'PUT', url: '/v1/retention', payload: { retentionDays: 90 } });
      expect((await t.app.auditCheckpoints.tick()).status).toBe('written');
      await t.close(); // stops the backend (releasing the lease) and deletes its database
    });

    it('restores: the restore record is signed, the erasure replayed, the trail reported as restored', async () => {
      restored = await restoreBackup(settings, backupDir);
      const backupHead = before.audit.length;
      expect(restored).toMatchObject({
        audit: 'restored',
        restoreRecord: 3,
        erasures: { replayed: 1, evaluations: 2 },
        rolledBack: [{ orgId, from: backupHead + 2, to: backupHead }],
      });
      const handle = connect({ url });
      try {
        after = await snapshot(handle.db);
      } finally {
        await handle.close();
      }
    });

    it("every report, evaluation (but the erased subject's) and audit entry of the backup is identical", () => {
      expect(after.reports).toEqual(before.reports);
      expect(after.evaluations).toEqual(before.evaluations.filter((e) => !erasedIds.includes(e.id as string)));
      expect(after.audit.slice(0, before.audit.length)).toEqual(before.audit);
      expect(after.audit.slice(before.audit.length).map((e) => [e.action, e.actor_id])).toEqual([
        ['subject.erase', 'restore-erasure-replay'],
      ]);
    });

    it('`verify` exits 3 with the rollback reported as restored, not truncated and not clean', async () => {
      const run = await runAuditCli(['verify'], url, fs.mkdtempSync(path.join(dir, 'data-')), env);
      expect(run.code).toBe(3);
      expect(run.stdout.split('\n')[0]).toBe('audit trail: restored');
      expect(run.stdout).not.toContain('truncated');
      expect(run.stdout).toMatch(
        new RegExp(`restored +seq ${before.audit.length + 1}\\.\\.${before.audit.length + 2}: restore record #3`),
      );
    });

    it('a damaged backup is refused before it touches the database', async () => {
      const file = path.join(backupDir, dialect.name === 'sqlite' ? 'ethixai.sqlite' : 'ethixai.pgdump');
      const copy = path.join(dir, 'damaged');
      fs.cpSync(backupDir, copy, { recursive: true });
      const damaged = path.join(copy, path.basename(file));
      const bytes = fs.readFileSync(damaged);
      bytes[bytes.length - 10] ^= 0xff;
      fs.writeFileSync(damaged, bytes);
      await expect(restoreBackup(settings, copy)).rejects.toThrow("does not match its manifest's sha256");
    });
  });

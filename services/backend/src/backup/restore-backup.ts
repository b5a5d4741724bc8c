import path from 'node:path';
import { withAuditKeys } from '../audit-log/audit-keys-binding.ts';
import { emptyFold, foldLines } from '../audit-log/checkpoint-fold.ts';
import { readLines } from '../audit-log/checkpoint-file.ts';
import { checkpointLease } from '../audit-log/checkpoint-lease.ts';
import { recordRestore } from '../audit-log/restore-record.ts';
import { verifyAuditTrail, type TrailReport } from '../audit-log/verify-chain.ts';
import { connect, type DbHandle } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { readErasures } from '../monitoring/retention/erasure-log.ts';
import { dialectOf, engineFor } from './backup-engines.ts';
import { fileSha256, readManifest } from './backup-manifest.ts';
import type { BackupSettings } from './backup-settings.ts';
import { tableCounts } from './database-inventory.ts';
import { replayErasures, type ReplayResult } from './erasure-replay.ts';
import { BackupFailed } from './take-backup.ts';

export interface RestoreSummary {
  createdAt: string;
  tables: Record<string, number>;
  restoreRecord: number;
  rolledBack: { orgId: string; from: number; to: number }[];
  erasures: ReplayResult;
  audit: TrailReport['status'];
}

/** True while a running backend holds the checkpoint lease of the database at `url` (unreachable or empty: false). */
async function backendRunning(url: string, now: number): Promise<string | null> {
  let handle: DbHandle | undefined;
  try {
    handle = connect({ url });
    const lease = await checkpointLease(handle.db).current();
    return lease && lease.expiresAt > now ? lease.holder : null;
  } catch {
    return null;
  } finally {
    await handle?.close().catch(() => {});
  }
}

/**
 * Replaces the database with a verified backup, then: migrates it to this version's schema,
 * appends the signed restore record (so `verify` reports the rollback as `restored`) and erases
 * again every subject the erasure log names, in that order, so the replayed erasures' audit
 * entries extend the restored chains. Stop every backend first; it refuses while one holds the
 * checkpoint lease.
 */
export async function restoreBackup(settings: BackupSettings, dir: string, now = Date.now): Promise<RestoreSummary> {
  const manifest = await readManifest(dir);
  const dialect = dialectOf(settings.databaseUrl);
  if (manifest.dialect !== dialect)
    throw new BackupFailed(`the backup is of a ${manifest.dialect} database; DATABASE_URL is ${dialect}`);
  const file = path.join(dir, manifest.file);
  if ((await fileSha256(file)) !== manifest.sha256)
    throw new BackupFailed(`${file} does not match its manifest's sha256: the backup is damaged`);
  const holder = await backendRunning(settings.databaseUrl, now());
  if (holder)
    throw new BackupFailed(
      `backend ${holder} is running on this database (it holds the checkpoint lease): stop the backends, then retry`,
    );

  await engineFor(dialect).restore(settings.databaseUrl, file);
  const handle = connect({ url: settings.databaseUrl });
  try {
    const tables = await tableCounts(handle.db, dialect);
    const differ = Object.entries(manifest.verification.tables).filter(([t, n]) => tables[t] !== n);
    if (differ.length > 0)
      throw new BackupFailed(
        `the restored database does not match the manifest: ${differ.map(([t, n]) => `${t} ${tables[t]} rows, expected ${n}`).join(', ')}`,
      );
    await migrateToLatest(handle.db);
    // The lease row came back with the backup: it names a writer of that time, not a running one.
    await handle.db.deleteFrom('audit_checkpoint_lease').execute();
    const db = withAuditKeys(handle.db, settings.hmacKeys);
    const { record, rolledBack } = await recordRestore({
      db,
      file: settings.checkpointFile,
      hmacKeys: settings.hmacKeys,
      signingKeys: settings.signingKeys,
      holder: `restore:${path.basename(dir)}`,
      now,
    });
    const erasures = await replayErasures(db, await readErasures(settings.erasureLog));
    const checkpoints = foldLines(emptyFold(), (await readLines(settings.checkpointFile)).lines, settings.signingKeys);
    const trail = await verifyAuditTrail(db, { hmacKeys: settings.hmacKeys.keys, checkpoints });
    return {
      createdAt: manifest.createdAt,
      tables,
      restoreRecord: record.n,
      rolledBack,
      erasures,
      audit: trail.status,
    };
  } finally {
    await handle.close();
  }
}

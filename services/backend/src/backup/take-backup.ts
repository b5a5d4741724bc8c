import fs from 'node:fs/promises';
import path from 'node:path';
import { emptyFold, foldLines } from '../audit-log/checkpoint-fold.ts';
import { readLines } from '../audit-log/checkpoint-file.ts';
import { verifyAuditTrail } from '../audit-log/verify-chain.ts';
import { dialectOf, engineFor } from './backup-engines.ts';
import { fileSha256, MANIFEST_FILE, writeManifest, type BackupManifest } from './backup-manifest.ts';
import type { BackupSettings } from './backup-settings.ts';
import { tableCounts } from './database-inventory.ts';

export class BackupFailed extends Error {}

/**
 * Writes a backup of the live database into `dir` and proves it restorable before writing its
 * manifest: the copy is restored into a scratch database, checked (SQLite integrity_check or a
 * clean pg_restore), counted table by table, and its audit trail verified against the checkpoint
 * log as it stood before the copy began (a checkpoint written during the copy may vouch for
 * entries the copy missed). A directory without manifest.json holds no usable backup.
 */
export async function takeBackup(settings: BackupSettings, dir: string, now = Date.now): Promise<BackupManifest> {
  const dialect = dialectOf(settings.databaseUrl);
  const engine = engineFor(dialect);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  if ((await fs.readdir(dir)).includes(MANIFEST_FILE))
    throw new BackupFailed(`${dir} already holds a backup; give a new directory`);
  const checkpoints = foldLines(emptyFold(), (await readLines(settings.checkpointFile)).lines, settings.signingKeys);
  const createdAt = new Date(now()).toISOString();
  const file = path.join(dir, engine.fileName);
  await engine.write(settings.databaseUrl, file);

  const scratch = await engine.scratch(settings.databaseUrl, file);
  try {
    if (dialect === 'sqlite' && scratch.integrity !== 'ok')
      throw new BackupFailed(`the backup fails integrity_check: ${scratch.integrity}`);
    const tables = await tableCounts(scratch.handle.db, dialect);
    const trail = await verifyAuditTrail(scratch.handle.db, { hmacKeys: settings.hmacKeys.keys, checkpoints });
    if (trail.status !== 'clean' && trail.status !== 'restored') {
      const bad = trail.orgs
        .filter((o) => o.findings.length > 0)
        .map((o) => `${o.orgId}: ${o.findings.map((f) => `${f.kind} ${f.fromSeq}..${f.toSeq}`).join(', ')}`);
      throw new BackupFailed(`the backup's audit trail is ${trail.status}${bad.length ? ` (${bad.join('; ')})` : ''}`);
    }
    const { size } = await fs.stat(file);
    const manifest: BackupManifest = {
      v: 1,
      dialect,
      file: engine.fileName,
      bytes: size,
      sha256: await fileSha256(file),
      createdAt,
      verification: {
        scratch: scratch.where,
        integrity: scratch.integrity,
        audit: trail.status,
        auditHeads: Object.fromEntries(trail.orgs.map((o) => [o.orgId, o.entries])),
        tables,
      },
    };
    await writeManifest(dir, manifest);
    return manifest;
  } finally {
    await scratch.dispose();
  }
}

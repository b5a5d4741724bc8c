import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DialectName } from '../db/connect.ts';
import type { TrailStatus } from '../audit-log/verify-chain.ts';

/** What a verified backup holds, written next to it as manifest.json. */
export interface BackupManifest {
  v: 1;
  dialect: DialectName;
  /** The backup file, relative to the manifest's directory. */
  file: string;
  bytes: number;
  sha256: string;
  createdAt: string;
  /** How the copy restored into a scratch database checked out. */
  verification: {
    scratch: string;
    /** SQLite: `pragma integrity_check`; PostgreSQL: pg_restore's exit. */
    integrity: string;
    /** The audit trail of the scratch copy against the checkpoint log as it was before the backup. */
    audit: TrailStatus;
    auditHeads: Record<string, number>;
    tables: Record<string, number>;
  };
}

export const MANIFEST_FILE = 'manifest.json';

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function writeManifest(dir: string, manifest: BackupManifest): Promise<void> {
  const file = path.join(dir, MANIFEST_FILE);
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(`${file}.tmp`, file);
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  const manifest = JSON.parse(await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as BackupManifest;
  if (manifest.v !== 1)
    throw new Error(`${path.join(dir, MANIFEST_FILE)}: unknown manifest version ${String(manifest.v)}`);
  return manifest;
}

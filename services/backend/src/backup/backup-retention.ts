import fs from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, readManifest } from './backup-manifest.ts';

const DAY_MS = 86_400_000;

export interface RetentionPolicy {
  /** Every backup younger than this many days is kept. */
  keepDays: number;
  /** Beyond that, the newest backup of each of this many weeks (7-day periods back from now) is kept. */
  keepWeeks: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepDays: 14, keepWeeks: 8 };

export interface StoredBackup {
  dir: string;
  createdAt: number;
}

/** The backups `policy` lets go. The newest backup is never among them, however old. */
export function backupsToPrune(backups: readonly StoredBackup[], policy: RetentionPolicy, now: number): StoredBackup[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt - a.createdAt);
  const weeksSeen = new Set<number>();
  return newestFirst.filter((b, i) => {
    if (i === 0) return false;
    const age = now - b.createdAt;
    if (age < policy.keepDays * DAY_MS) return false;
    const week = Math.floor(age / (7 * DAY_MS));
    if (week < policy.keepWeeks && !weeksSeen.has(week)) {
      weeksSeen.add(week);
      return false;
    }
    return true;
  });
}

/** The verified backups (directories holding a manifest) directly under `root`. */
export async function listBackups(root: string): Promise<StoredBackup[]> {
  const found: StoredBackup[] = [];
  for (const entry of await fs.readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(root, entry.name);
    if (!(await fs.readdir(dir)).includes(MANIFEST_FILE)) continue;
    found.push({ dir, createdAt: Date.parse((await readManifest(dir)).createdAt) });
  }
  return found;
}

export async function pruneBackups(root: string, policy: RetentionPolicy, now = Date.now()): Promise<StoredBackup[]> {
  const doomed = backupsToPrune(await listBackups(root), policy, now);
  for (const b of doomed) await fs.rm(b.dir, { recursive: true, force: true });
  return doomed;
}

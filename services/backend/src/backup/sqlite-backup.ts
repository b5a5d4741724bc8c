import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { connect } from '../db/connect.ts';
import { sqliteIntegrity } from './database-inventory.ts';
import type { BackupEngine, ScratchCopy } from './backup-engine.ts';

function fileOf(url: string): string {
  const file = url.slice('sqlite:'.length);
  if (file === ':memory:') throw new Error('an in-memory SQLite database cannot be backed up');
  return path.resolve(file);
}

/**
 * SQLite through its online backup API: the copy is a consistent snapshot taken while the backend
 * keeps writing (pages changed during the copy make it restart the step, not tear the copy).
 */
export const sqliteBackup: BackupEngine = {
  fileName: 'ethixai.sqlite',

  async write(url, dest) {
    const source = new SQLite(fileOf(url), { fileMustExist: true });
    try {
      source.pragma('busy_timeout = 5000');
      await source.backup(dest);
    } finally {
      source.close();
    }
    return 'sqlite online backup';
  },

  async scratch(_url, file): Promise<ScratchCopy> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ethixai-backup-verify-'));
    const copy = path.join(dir, 'scratch.sqlite');
    await fs.copyFile(file, copy);
    const handle = connect({ url: `sqlite:${copy}` });
    return {
      handle,
      where: 'a scratch copy of the file',
      integrity: await sqliteIntegrity(handle.db),
      dispose: async () => {
        await handle.close();
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  },

  async restore(url, file) {
    const target = fileOf(url);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const incoming = `${target}.restoring`;
    await fs.copyFile(file, incoming);
    const handle = await fs.open(incoming, 'r+');
    await handle.sync();
    await handle.close();
    // A WAL left from the old database would be replayed onto the restored file: remove it first.
    for (const stale of [`${target}-wal`, `${target}-shm`]) await fs.rm(stale, { force: true });
    await fs.rename(incoming, target);
  },
};

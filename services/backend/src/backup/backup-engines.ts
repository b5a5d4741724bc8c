import type { DialectName } from '../db/connect.ts';
import type { BackupEngine } from './backup-engine.ts';
import { pgBackup } from './pg-backup.ts';
import { sqliteBackup } from './sqlite-backup.ts';

export function dialectOf(url: string): DialectName {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  if (url.startsWith('sqlite:')) return 'sqlite';
  throw new Error(`DATABASE_URL must start with postgres:// or sqlite: (got ${url.split(':')[0]}:)`);
}

export function engineFor(dialect: DialectName): BackupEngine {
  return dialect === 'sqlite' ? sqliteBackup : pgBackup;
}

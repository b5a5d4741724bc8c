import { parseArgs } from 'node:util';
import { ConfigError } from '@ethixai/service-kit';
import { loadEnv } from '../config/env.ts';
import { DEFAULT_RETENTION, pruneBackups } from './backup-retention.ts';
import { backupSettings } from './backup-settings.ts';
import { restoreBackup } from './restore-backup.ts';
import { takeBackup } from './take-backup.ts';

const USAGE = `usage: backup-cli.ts backup --out <new directory>
       backup-cli.ts restore --from <backup directory>
       backup-cli.ts prune --root <directory of backups> [--keep-days 14] [--keep-weeks 8]`;

class UsageError extends Error {}

function dirOption(args: string[], name: 'out' | 'from'): string {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: { [name]: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }) as { values: Record<string, string | undefined> });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const dir = values[name];
  if (!dir) throw new UsageError(`--${name} must name a directory`);
  return dir;
}

function pruneOptions(args: string[]) {
  let values: { root?: string; 'keep-days'?: string; 'keep-weeks'?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { root: { type: 'string' }, 'keep-days': { type: 'string' }, 'keep-weeks': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (!values.root) throw new UsageError('--root must name the directory holding the backups');
  const count = (name: 'keep-days' | 'keep-weeks', fallback: number, min: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min)
      throw new UsageError(`--${name} must be a whole number of at least ${min} (got ${raw})`);
    return Number(raw);
  };
  return {
    root: values.root,
    policy: {
      keepDays: count('keep-days', DEFAULT_RETENTION.keepDays, 1),
      keepWeeks: count('keep-weeks', DEFAULT_RETENTION.keepWeeks, 0),
    },
  };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'backup') {
      const dir = dirOption(rest, 'out');
      const m = await takeBackup(backupSettings(loadEnv()), dir);
      const rows = Object.values(m.verification.tables).reduce((a, b) => a + b, 0);
      console.log(`backup ${dir}/${m.file}: ${m.dialect}, ${m.bytes} bytes, sha256 ${m.sha256}`);
      console.log(
        `verified in ${m.verification.scratch}: ${m.verification.integrity}, audit trail ${m.verification.audit}, ${Object.keys(m.verification.tables).length} tables, ${rows} rows`,
      );
      return 0;
    }
    if (command === 'restore') {
      const dir = dirOption(rest, 'from');
      const s = await restoreBackup(backupSettings(loadEnv()), dir);
      console.log(`restored the backup of ${s.createdAt} from ${dir}; restore record #${s.restoreRecord} appended`);
      for (const r of s.rolledBack)
        console.log(`  org ${r.orgId}: audit chain rolled back from seq ${r.from} to seq ${r.to}`);
      console.log(
        `erasure log replayed: ${s.erasures.replayed} erasures made after the backup, ${s.erasures.evaluations} evaluations erased again`,
      );
      console.log(`audit trail: ${s.audit}`);
      return 0;
    }
    if (command === 'prune') {
      const { root, policy } = pruneOptions(rest);
      const pruned = await pruneBackups(root, policy);
      console.log(
        `pruned ${pruned.length} backup${pruned.length === 1 ? '' : 's'} from ${root} (keeping ${policy.keepDays} days, then one a week for ${policy.keepWeeks} weeks)`,
      );
      for (const b of pruned) console.log(`  removed ${b.dir} (${new Date(b.createdAt).toISOString()})`);
      return 0;
    }
    throw new UsageError(command ? `unknown command: ${command}` : 'missing command');
  } catch (err) {
    if (err instanceof UsageError) console.error(`${err.message}\n${USAGE}`);
    else if (err instanceof ConfigError) console.error(err.message);
    else {
      console.error(`${command} failed: ${(err as Error).message}`);
      return 1;
    }
    return 2;
  }
}

/**
 * `node services/backend/src/backup/backup-cli.ts backup|restore`: a verified backup of the
 * database, or a restore that records itself in the audit trail and replays the erasure log.
 * Exit 0 done, 1 failed (nothing half-written is called a backup), 2 usage or configuration.
 */
process.exitCode = await main(process.argv.slice(2));

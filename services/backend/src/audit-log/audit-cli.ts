import { parseArgs } from 'node:util';
import { ConfigError } from '@ethixai/service-kit';
import { loadEnv, type EnvConfig } from '../config/env.ts';
import { existingSecret } from '../config/secrets.ts';
import { connect } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { emptyFold, foldLines } from './checkpoint-fold.ts';
import { checkpointPath, readLines } from './checkpoint-file.ts';
import { checkpointHints, type LeaseState } from './checkpoint-hint.ts';
import { checkpointLease } from './checkpoint-lease.ts';
import { createCheckpointKeyRing, generateCheckpointJwk } from './checkpoint-keys.ts';
import { checkpointFile, writerId } from './checkpoint-settings.ts';
import { createHmacKeyRing, generateHmacJwk } from './hmac-keys.ts';
import { recordRestore, RestoreRefused } from './restore-record.ts';
import { verifyAuditTrail, type TrailReport } from './verify-chain.ts';

const USAGE = `usage: audit-cli.ts verify [--org <organisation id>] [--checkpoints <dir or .jsonl file>] [--json]
       audit-cli.ts record-restore [--checkpoints <dir or .jsonl file>]
       audit-cli.ts generate-hmac-key | generate-signing-key`;

/** Exit codes: 0 clean / done; 1 tampering found, a key missing, or restore refused; 2 usage, configuration or connection; 3 clean but restored. */
const EXIT = { clean: 0, tampered: 1, unverifiable: 1, usage: 2, restored: 3 } as const;

class UsageError extends Error {}

function options(args: string[], allowed: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    return parseArgs({ args, options: allowed, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function checkpointsOf(config: EnvConfig, given: string | undefined): string {
  return given ? checkpointPath(given) : checkpointFile(config);
}

function print(report: TrailReport, file: string, hints: readonly string[]): void {
  const { records, last, problems } = report.checkpoints;
  console.log(`audit trail: ${report.status}`);
  console.log(
    last
      ? `checkpoints: ${records} record${records === 1 ? '' : 's'} in ${file}, the last #${last.n} at ${last.time} (${last.treeSize} entries)`
      : `checkpoints: none in ${file}: the database was checked against itself only`,
  );
  for (const p of problems) console.log(`  checkpoint log line ${p.line}: ${p.problem}`);
  for (const hint of hints) console.log(hint);
  for (const org of report.orgs) {
    const unanchored =
      org.entries > org.anchoredSize ? `, ${org.entries - org.anchoredSize} after the last checkpoint` : '';
    console.log(`org ${org.orgId}: ${org.status}, ${org.entries} entries${unanchored}`);
    for (const f of org.findings)
      console.log(`  ${f.kind.padEnd(11)} seq ${f.fromSeq}${f.toSeq > f.fromSeq ? `..${f.toSeq}` : ''}: ${f.detail}`);
  }
}

async function verify(args: string[]): Promise<number> {
  const opts = options(args, { org: { type: 'string' }, checkpoints: { type: 'string' }, json: { type: 'boolean' } });
  const config = loadEnv();
  const hmacKeys = createHmacKeyRing(existingSecret(config, 'AUDIT_HMAC_KEYS'));
  const signingKeys = createCheckpointKeyRing(existingSecret(config, 'AUDIT_SIGNING_KEYS'));
  const file = checkpointsOf(config, opts.checkpoints as string | undefined);
  const fold = foldLines(emptyFold(), (await readLines(file)).lines, signingKeys);
  const handle = connect({ url: config.DATABASE_URL });
  try {
    const report = await verifyAuditTrail(handle.db, {
      hmacKeys: hmacKeys.keys,
      checkpoints: fold,
      orgId: opts.org as string | undefined,
    });
    if (opts.json) console.log(JSON.stringify(report, null, 2));
    else {
      // An older database has no lease table until migrated; verify only reads, so it does not migrate.
      const lease: LeaseState | null = await checkpointLease(handle.db)
        .current()
        .catch(() => null);
      print(report, file, checkpointHints(report, lease, config.AUDIT_CHECKPOINT_INTERVAL_MS, Date.now()));
    }
    return EXIT[report.status];
  } finally {
    await handle.close();
  }
}

async function restore(args: string[]): Promise<number> {
  const opts = options(args, { checkpoints: { type: 'string' } });
  const config = loadEnv();
  const hmacKeys = createHmacKeyRing(existingSecret(config, 'AUDIT_HMAC_KEYS'));
  const signingKeys = createCheckpointKeyRing(existingSecret(config, 'AUDIT_SIGNING_KEYS'));
  const file = checkpointsOf(config, opts.checkpoints as string | undefined);
  const handle = connect({ url: config.DATABASE_URL, sqliteSynchronous: config.SQLITE_SYNCHRONOUS });
  try {
    await migrateToLatest(handle.db);
    const { record, rolledBack } = await recordRestore({
      db: handle.db,
      file,
      hmacKeys,
      signingKeys,
      holder: `restore:${writerId()}`,
    });
    console.log(
      `restore record #${record.n} appended to ${file}: ${Object.keys(record.heads).length} chains, ${record.treeSize} entries`,
    );
    for (const r of rolledBack) console.log(`  org ${r.orgId}: rolled back from seq ${r.from} to seq ${r.to}`);
    return 0;
  } catch (err) {
    if (!(err instanceof RestoreRefused)) throw err;
    console.error(`restore record refused: ${err.message}`);
    for (const f of err.findings)
      console.error(`  org ${f.orgId}: ${f.kind} seq ${f.fromSeq}${f.toSeq > f.fromSeq ? `..${f.toSeq}` : ''}`);
    return 1;
  } finally {
    await handle.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'verify') return await verify(rest);
    if (command === 'record-restore') return await restore(rest);
    if (command === 'generate-hmac-key' || command === 'generate-signing-key') {
      console.log(JSON.stringify(command === 'generate-hmac-key' ? generateHmacJwk() : generateCheckpointJwk()));
      return 0;
    }
    throw new UsageError(command ? `unknown command: ${command}` : 'missing command');
  } catch (err) {
    if (err instanceof UsageError) console.error(`${err.message}\n${USAGE}`);
    else if (err instanceof ConfigError) console.error(err.message);
    else console.error(`cannot ${command}: ${(err as Error).message}`);
    return EXIT.usage;
  }
}

/**
 * `node services/backend/src/audit-log/audit-cli.ts <command>`: verify the audit trail against
 * the checkpoint log, record a restore from backup, or make keys (see README.md).
 */
process.exitCode = await main(process.argv.slice(2));

import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { auditKeysOf } from '../../src/audit-log/audit-keys-binding.ts';
import { emptyFold, foldLines, type FoldedLog } from '../../src/audit-log/checkpoint-fold.ts';
import { readLines } from '../../src/audit-log/checkpoint-file.ts';
import { createCheckpointKeyRing } from '../../src/audit-log/checkpoint-keys.ts';
import { checkpointFile } from '../../src/audit-log/checkpoint-settings.ts';
import type { CheckpointRecord } from '../../src/audit-log/checkpoint-record.ts';
import { verifyAuditTrail, type TrailReport } from '../../src/audit-log/verify-chain.ts';

/** The app's checkpoint log, read afresh from its file and checked with the app's signing keys. */
export async function foldAppLog(app: FastifyInstance, file = checkpointFile(app.config)): Promise<FoldedLog> {
  return foldLines(emptyFold(), (await readLines(file)).lines, createCheckpointKeyRing(app.secrets.AUDIT_SIGNING_KEYS));
}

export async function records(app: FastifyInstance, file = checkpointFile(app.config)): Promise<CheckpointRecord[]> {
  return (await readLines(file)).lines.map((l) => JSON.parse(l) as CheckpointRecord);
}

/** `verify` as the command runs it, against `db` (default: the app's own database). */
export async function verifyWithApp(
  app: FastifyInstance,
  db: Kysely<Database> = app.db,
  file?: string,
): Promise<TrailReport> {
  return verifyAuditTrail(db, { hmacKeys: auditKeysOf(app.db).keys, checkpoints: await foldAppLog(app, file) });
}

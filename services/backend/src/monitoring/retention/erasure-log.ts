import path from 'node:path';
import type { EnvConfig } from '../../config/env.ts';
import { appendLine, readLines } from '../../audit-log/checkpoint-file.ts';
import { checkpointFile } from '../../audit-log/checkpoint-settings.ts';

/** One erasure, as a restore must replay it: ids and digests only, never personal data. */
export type ErasureRecord =
  | { v: 1; time: string; orgId: string; kind: 'subject'; subject: string }
  | { v: 1; time: string; orgId: string; kind: 'evaluation'; evaluation: string };

export const ERASURE_LOG_FILE = 'erasures.jsonl';

/**
 * The erasure log lives next to the audit checkpoints (AUDIT_CHECKPOINT_DIR), outside the
 * database, so it outlives a restore from backup: a subject erased after the backup was taken is
 * erased again when the backup is restored (backup/erasure-replay.ts).
 */
export function erasureLogPath(config: EnvConfig): string {
  return path.join(path.dirname(checkpointFile(config)), ERASURE_LOG_FILE);
}

export type ErasureLog = (record: ErasureRecord) => Promise<void>;

/** Appends and flushes one line. Called inside the erasing transaction, before it commits: a
 *  logged erasure whose transaction then fails is replayed as an erasure the admin did ask for. */
export function erasureLogAt(file: string): ErasureLog {
  return (record) => appendLine(file, JSON.stringify(record));
}

export async function readErasures(file: string): Promise<ErasureRecord[]> {
  return (await readLines(file)).lines.filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as ErasureRecord);
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { orgsWithEntries, readChain, readHeads } from './audit-log-repository.ts';
import { walkChain, type EntryFinding } from './chain-walk.ts';
import { emptyFold, foldLines } from './checkpoint-fold.ts';
import { appendLine, cutTornTail, readLines } from './checkpoint-file.ts';
import type { CheckpointKeyRing } from './checkpoint-keys.ts';
import { checkpointLease } from './checkpoint-lease.ts';
import { signRecord, stateRoot, type ChainHeadMark, type CheckpointRecord } from './checkpoint-record.ts';
import type { HmacKeyRing } from './hmac-keys.ts';

export interface RestoreOptions {
  db: Kysely<Database>;
  file: string;
  hmacKeys: HmacKeyRing;
  signingKeys: CheckpointKeyRing;
  holder: string;
  now?: () => number;
}

export class RestoreRefused extends Error {
  readonly findings: ReadonlyArray<EntryFinding & { orgId: string }>;

  constructor(message: string, findings: ReadonlyArray<EntryFinding & { orgId: string }> = []) {
    super(message);
    this.name = 'RestoreRefused';
    this.findings = findings;
  }
}

/** How long the restore holds the checkpoint lease: long enough to read the chains and append one line. */
const RESTORE_LEASE_MS = 120_000;

/**
 * Called by a restore from backup, once the restored database is in place: appends a signed
 * `restore` record naming every head of the restored chains, so `verify` reports the rollback as
 * `restored` instead of truncation. Refuses when the restored chains are not intact themselves,
 * or while a running replica holds the checkpoint lease (stop the backends first).
 */
export async function recordRestore(
  opts: RestoreOptions,
): Promise<{ record: CheckpointRecord; rolledBack: { orgId: string; from: number; to: number }[] }> {
  const now = opts.now ?? Date.now;
  const lease = checkpointLease(opts.db);
  if (!(await lease.acquire(opts.holder, RESTORE_LEASE_MS, now()))) {
    const held = await lease.current();
    throw new RestoreRefused(
      `the checkpoint writer ${held?.holder} holds the lease until ${new Date(held?.expiresAt ?? 0).toISOString()}: stop the backends, then retry`,
    );
  }
  try {
    const read = await readLines(opts.file);
    if (read.tornBytes > 0) await cutTornTail(opts.file, read.offset);
    const fold = foldLines(emptyFold(), read.lines, opts.signingKeys);
    const dbHeads = new Map((await readHeads(opts.db)).map((h) => [h.orgId, h]));
    const orgIds = [...new Set([...dbHeads.keys(), ...(await orgsWithEntries(opts.db))])].sort();
    const heads: Record<string, ChainHeadMark> = {};
    const broken: (EntryFinding & { orgId: string })[] = [];
    for (const orgId of orgIds) {
      const rows = await readChain(opts.db, orgId);
      const legacySeq = fold.legacy ? (fold.legacy.get(orgId) ?? 0) : (dbHeads.get(orgId)?.legacySeq ?? 0);
      for (const f of walkChain(rows, { keys: opts.hmacKeys.keys, legacySeq })) broken.push({ ...f, orgId });
      const last = rows.at(-1);
      if (last) heads[orgId] = { size: last.seq, hash: last.hash };
    }
    if (broken.length > 0)
      throw new RestoreRefused(
        'the restored audit chains are not intact; a restore record would vouch for them',
        broken,
      );
    const record = signRecord(
      {
        v: 1,
        type: 'restore',
        n: fold.lines + 1,
        prev: fold.lastLineHash,
        time: new Date(now()).toISOString(),
        writer: opts.holder,
        ...stateRoot(new Map(Object.entries(heads))),
        heads,
      },
      opts.signingKeys,
    );
    await appendLine(opts.file, JSON.stringify(record));
    const rolledBack = [...fold.state]
      .filter(([orgId, before]) => before.size > (heads[orgId]?.size ?? 0))
      .map(([orgId, before]) => ({ orgId, from: before.size, to: heads[orgId]?.size ?? 0 }));
    return { record, rolledBack };
  } finally {
    await lease.release(opts.holder);
  }
}

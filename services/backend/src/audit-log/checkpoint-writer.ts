import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { readHeads } from './audit-log-repository.ts';
import { extensionProblem } from './chain-extension.ts';
import { emptyFold, foldLines, type FoldedLog } from './checkpoint-fold.ts';
import { appendLine, cutTornTail, readLines } from './checkpoint-file.ts';
import type { CheckpointKeyRing } from './checkpoint-keys.ts';
import { checkpointLease } from './checkpoint-lease.ts';
import { signRecord, stateRoot, type ChainHeadMark, type CheckpointRecord } from './checkpoint-record.ts';
import { GENESIS_HASH } from './hash-chain.ts';
import type { HmacKeyRing } from './hmac-keys.ts';

export interface CheckpointLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface CheckpointWriterOptions {
  db: Kysely<Database>;
  file: string;
  hmacKeys: HmacKeyRing;
  signingKeys: CheckpointKeyRing;
  intervalMs: number;
  /** This writer's id in the lease and in the records it signs (unique per process and app). */
  holder: string;
  log: CheckpointLogger;
  now?: () => number;
}

export type TickResult =
  | { status: 'standby' }
  | { status: 'unchanged' }
  | { status: 'written'; record: CheckpointRecord }
  | { status: 'failed'; error: unknown };

/** A lease lasts three ticks: a holder that misses two in a row (stalled, killed) is replaced. */
export const LEASE_TICKS = 3;

/**
 * Signs checkpoints of the audit chain into the checkpoint log, on a timer, while this replica
 * holds the lease. A tick writes a record only when some chain grew, and only for chains that
 * extend their previous checkpoint (others are logged as errors and stay at their last head).
 */
export function createCheckpointWriter(opts: CheckpointWriterOptions) {
  const lease = checkpointLease(opts.db);
  const ttl = LEASE_TICKS * opts.intervalMs;
  const now = opts.now ?? Date.now;
  let fold: FoldedLog = emptyFold();
  let offset = 0;
  let running: Promise<TickResult> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let holding = false;

  /** Reads what others appended since (a restore record, a previous holder's checkpoints). */
  async function catchUp(): Promise<void> {
    let read = await readLines(opts.file, offset);
    if (read.offset < offset) {
      opts.log.error(
        { file: opts.file },
        'audit checkpoint log is shorter than before; reading it again from the start',
      );
      fold = emptyFold();
      read = await readLines(opts.file, 0);
    }
    foldLines(fold, read.lines, opts.signingKeys);
    offset = read.offset;
    if (read.tornBytes > 0) {
      opts.log.warn(
        { file: opts.file, bytes: read.tornBytes },
        'audit checkpoint log ends in a torn line (a write was cut short); cutting it',
      );
      await cutTornTail(opts.file, offset);
    }
  }

  async function changedHeads(): Promise<{ changed: Record<string, ChainHeadMark>; legacy: Record<string, number> }> {
    const heads = await readHeads(opts.db);
    const changed: Record<string, ChainHeadMark> = {};
    const legacy: Record<string, number> = {};
    for (const head of heads) {
      if (head.legacySeq > 0) legacy[head.orgId] = head.legacySeq;
      const before = fold.state.get(head.orgId) ?? { size: 0, hash: GENESIS_HASH };
      if (before.size === head.seq && before.hash === head.hash) continue;
      const legacySeq = fold.legacy ? (fold.legacy.get(head.orgId) ?? 0) : head.legacySeq;
      const problem = await extensionProblem(opts.db, opts.hmacKeys, before, head, legacySeq);
      if (problem) {
        opts.log.error(
          { orgId: head.orgId, checkpointed: before, problem },
          'audit chain does not extend its last checkpoint: not signing it (run the audit verify command)',
        );
        continue;
      }
      changed[head.orgId] = { size: head.seq, hash: head.hash };
    }
    return { changed, legacy };
  }

  async function tick(): Promise<TickResult> {
    holding = await lease.acquire(opts.holder, ttl, now());
    if (!holding) return { status: 'standby' };
    await catchUp();
    const { changed, legacy } = await changedHeads();
    if (Object.keys(changed).length === 0) return { status: 'unchanged' };
    const state = new Map(fold.state);
    for (const [orgId, head] of Object.entries(changed)) state.set(orgId, head);
    const first = fold.legacy === null;
    const record = signRecord(
      {
        v: 1,
        type: 'checkpoint',
        n: fold.lines + 1,
        prev: fold.lastLineHash,
        time: new Date(now()).toISOString(),
        writer: opts.holder,
        ...stateRoot(state),
        heads: changed,
        ...(first ? { legacy } : {}),
      },
      opts.signingKeys,
    );
    // Renewed right before the write: a holder paused past its lease never appends after its successor.
    holding = await lease.acquire(opts.holder, ttl, now());
    if (!holding) return { status: 'standby' };
    const line = JSON.stringify(record);
    await appendLine(opts.file, line);
    foldLines(fold, [line], opts.signingKeys);
    offset += Buffer.byteLength(line) + 1;
    opts.log.info({ auditCheckpoint: record }, 'audit checkpoint written');
    return { status: 'written', record };
  }

  /** One tick now (overlapping calls share it); never rejects. */
  function runTick(): Promise<TickResult> {
    running ??= tick()
      .catch((error: unknown): TickResult => {
        opts.log.error({ err: error }, 'audit checkpoint failed');
        return { status: 'failed', error };
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    holder: opts.holder,
    tick: runTick,
    start(): void {
      timer = setInterval(() => void runTick(), opts.intervalMs);
      timer.unref();
      void runTick();
    },
    /** Stops the timer; the holder signs what was appended since its last tick and gives the lease up. Never rejects. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      if (!holding) return;
      await runTick();
      holding = false;
      // Shutting down with the database gone: the lease lapses by itself within three intervals.
      await lease
        .release(opts.holder)
        .catch((err: unknown) => opts.log.warn({ err }, 'audit checkpoint lease not released'));
    },
    folded: (): FoldedLog => fold,
  };
}

export type CheckpointWriter = ReturnType<typeof createCheckpointWriter>;

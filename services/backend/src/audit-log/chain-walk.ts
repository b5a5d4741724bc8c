import type { KeyObject } from 'node:crypto';
import { contentOf, GENESIS_HASH, keyedEntryHash, legacyEntryHash, type ChainRow } from './hash-chain.ts';

/**
 * What a walk over one organisation's stored entries can tell without the checkpoints:
 * - `rewritten`: the entry's hash does not match its content (or the next entry no longer links to it);
 * - `rehashed`: the hash is a plain sha256 where the key's HMAC belongs (recomputed without the key);
 * - `deleted`: seqs missing between stored entries;
 * - `unknown_key`: the entry names a key id this verifier was not given (it cannot be checked).
 */
export type EntryFindingKind = 'rewritten' | 'rehashed' | 'deleted' | 'unknown_key';

export interface EntryFinding {
  kind: EntryFindingKind;
  fromSeq: number;
  toSeq: number;
  detail: string;
}

export interface WalkOptions {
  /** Every HMAC key by kid. */
  keys: ReadonlyMap<string, KeyObject>;
  /** Entries up to this seq may be unkeyed (written before keyed entries existed). */
  legacySeq: number;
  /** Where `rows` start: after this already-verified entry (default: the genesis). */
  after?: { seq: number; hash: string };
}

type Verdict = 'ok' | 'rewritten' | 'rehashed' | 'unknown_key';

function check(row: ChainRow, opts: WalkOptions): Verdict {
  const content = contentOf(row);
  const plainMatches = () => legacyEntryHash(row.prevHash, content) === row.hash;
  if (row.keyId === null) {
    if (row.seq <= opts.legacySeq) return plainMatches() ? 'ok' : 'rewritten';
    return plainMatches() ? 'rehashed' : 'rewritten';
  }
  const key = opts.keys.get(row.keyId);
  if (!key) return 'unknown_key';
  if (keyedEntryHash(key, row.keyId, row.prevHash, content) === row.hash) return 'ok';
  return plainMatches() ? 'rehashed' : 'rewritten';
}

const DETAIL: Record<EntryFindingKind, string> = {
  rewritten: 'entry content or hash was changed after it was appended',
  rehashed: 'hash is a plain sha256 recomputed without the HMAC key',
  deleted: 'entries are missing',
  unknown_key: 'entry names an HMAC key id that was not given to the verifier',
};

/** Walks rows in seq order (gaps allowed) and returns every finding, consecutive seqs of one kind merged. */
export function walkChain(rows: readonly ChainRow[], opts: WalkOptions): EntryFinding[] {
  const findings: EntryFinding[] = [];
  const add = (kind: EntryFindingKind, fromSeq: number, toSeq = fromSeq, detail = DETAIL[kind]) => {
    const last = findings.at(-1);
    if (last && last.kind === kind && last.toSeq === fromSeq - 1 && last.detail === detail) last.toSeq = toSeq;
    else findings.push({ kind, fromSeq, toSeq, detail });
  };
  let prevHash = opts.after?.hash ?? GENESIS_HASH;
  let prevOk = true;
  const start = opts.after?.seq ?? 0;
  let expectedSeq = start + 1;
  // First seq of the run of intact unkeyed entries just before this one: any of them may have been
  // edited with the sha256 of it and of every later one recomputed, which only a link can betray.
  let unkeyedRunFrom = start + 1;
  for (const row of rows) {
    const contiguous = row.seq === expectedSeq;
    if (!contiguous) add('deleted', expectedSeq, row.seq - 1);
    const verdict = check(row, opts);
    if (verdict !== 'ok') add(verdict, row.seq);
    else if (contiguous && prevOk && row.prevHash !== prevHash) {
      // A sealed entry links elsewhere: the entries before it were changed (at the very start, its own link was).
      const broken = `seq ${row.seq} no longer links to the entry before it`;
      if (row.seq - 1 <= start) add('rewritten', row.seq, row.seq, broken);
      else if (unkeyedRunFrom < row.seq - 1)
        add(
          'rewritten',
          unkeyedRunFrom,
          row.seq - 1,
          `${broken}: an unkeyed entry in this range was changed and the sha256 after it recomputed`,
        );
      else add('rewritten', row.seq - 1, row.seq - 1, broken);
    }
    if (verdict !== 'ok' || row.keyId !== null) unkeyedRunFrom = row.seq + 1;
    else if (!contiguous) unkeyedRunFrom = row.seq;
    prevHash = row.hash;
    prevOk = verdict === 'ok';
    expectedSeq = row.seq + 1;
  }
  findings.sort((a, b) => a.fromSeq - b.fromSeq);
  return findings;
}

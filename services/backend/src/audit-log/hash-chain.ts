import { canonicalJson, sha256Hex } from './canonical-json.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of an audit entry: everything but the hashes themselves. */
export interface ChainedContent {
  orgId: string;
  seq: number;
  at: number;
  actorKind: 'user' | 'api_key' | 'system';
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  requestId: string | null;
  digest: string;
}

export function entryHash(prevHash: string, content: ChainedContent): string {
  return sha256Hex(prevHash + canonicalJson(content));
}

export interface ChainRow extends ChainedContent {
  prevHash: string;
  hash: string;
}

export type ChainProblem =
  | { kind: 'gap'; seq: number; detail: string }
  | { kind: 'prev_hash_mismatch'; seq: number; detail: string }
  | { kind: 'hash_mismatch'; seq: number; detail: string }
  | { kind: 'head_mismatch'; seq: number; detail: string };

/**
 * Walks one organisation's rows in seq order. An edited row breaks its own hash; a deleted row
 * leaves a gap in seq; a deleted tail is caught against the chain head (seq and hash of the last
 * append), which is kept in a separate row updated in the same transaction as every append.
 */
export function verifyChain(rows: readonly ChainRow[], head: { seq: number; hash: string } | null): ChainProblem | null {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return { kind: 'gap', seq: expectedSeq, detail: `seq ${expectedSeq} is missing (next present is ${row.seq})` };
    }
    if (row.prevHash !== prevHash) {
      return { kind: 'prev_hash_mismatch', seq: row.seq, detail: `prev_hash does not match the hash of seq ${row.seq - 1}` };
    }
    const { hash: _h, prevHash: _p, ...content } = row;
    if (entryHash(prevHash, content) !== row.hash) {
      return { kind: 'hash_mismatch', seq: row.seq, detail: `seq ${row.seq} was modified after it was appended` };
    }
    prevHash = row.hash;
    expectedSeq += 1;
  }
  const lastSeq = expectedSeq - 1;
  const headSeq = head?.seq ?? 0;
  if (headSeq !== lastSeq || (head !== null && head.seq > 0 && head.hash !== prevHash)) {
    const missing = headSeq > lastSeq ? `seq ${lastSeq + 1}..${headSeq} deleted` : 'head does not match the last entry';
    return { kind: 'head_mismatch', seq: Math.min(headSeq, lastSeq) + 1, detail: missing };
  }
  return null;
}

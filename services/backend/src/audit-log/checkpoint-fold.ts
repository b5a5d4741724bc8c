import { GENESIS_HASH } from './hash-chain.ts';
import type { CheckpointKeyRing } from './checkpoint-keys.ts';
import {
  lineHash,
  signatureProblem,
  stateRoot,
  type ChainHeadMark,
  type CheckpointRecord,
} from './checkpoint-record.ts';

/** A head some record vouched for. */
export interface Anchor extends ChainHeadMark {
  n: number;
  time: string;
}

/** An organisation's anchors between two restores; a restore record opens a new epoch. */
export interface Epoch {
  /** The restore record that opened it (none for the first). */
  restore?: { n: number; time: string };
  anchors: Anchor[];
}

export interface LogProblem {
  line: number;
  problem: string;
}

export interface FoldedLog {
  /** Lines read (complete ones). */
  lines: number;
  lastRecord: CheckpointRecord | null;
  /** sha256 of the last complete line (the next record's `prev`). */
  lastLineHash: string;
  /** Every organisation's latest head. */
  state: Map<string, ChainHeadMark>;
  epochs: Map<string, Epoch[]>;
  /** The unkeyed segments the first checkpoint covered; null while there is no checkpoint. */
  legacy: Map<string, number> | null;
  problems: LogProblem[];
}

export function emptyFold(): FoldedLog {
  return {
    lines: 0,
    lastRecord: null,
    lastLineHash: GENESIS_HASH,
    state: new Map(),
    epochs: new Map(),
    legacy: null,
    problems: [],
  };
}

const HEX64 = /^[0-9a-f]{64}$/;

function shapeProblem(r: Partial<CheckpointRecord>): string | null {
  if (r.v !== 1 || (r.type !== 'checkpoint' && r.type !== 'restore'))
    return 'not a version 1 checkpoint or restore record';
  if (
    !Number.isSafeInteger(r.n) ||
    typeof r.prev !== 'string' ||
    typeof r.time !== 'string' ||
    typeof r.kid !== 'string' ||
    typeof r.sig !== 'string'
  )
    return 'a required field is missing';
  if (typeof r.heads !== 'object' || r.heads === null) return 'heads missing';
  for (const h of Object.values(r.heads))
    if (!Number.isSafeInteger(h?.size) || h.size < 0 || !HEX64.test(h.hash)) return 'malformed head';
  return null;
}

function epochsOf(fold: FoldedLog, orgId: string): Epoch[] {
  let list = fold.epochs.get(orgId);
  if (!list) fold.epochs.set(orgId, (list = [{ anchors: [] }]));
  return list;
}

function apply(fold: FoldedLog, r: CheckpointRecord, lineNo: number): void {
  if (r.type === 'restore') {
    const orgs = new Set([...fold.state.keys(), ...Object.keys(r.heads)]);
    for (const orgId of orgs) {
      const head = r.heads[orgId] ?? { size: 0, hash: GENESIS_HASH };
      epochsOf(fold, orgId).push({
        restore: { n: r.n, time: r.time },
        anchors: head.size > 0 ? [{ ...head, n: r.n, time: r.time }] : [],
      });
      fold.state.set(orgId, head);
    }
    return;
  }
  if (fold.legacy === null) fold.legacy = new Map(Object.entries(r.legacy ?? {}));
  for (const [orgId, head] of Object.entries(r.heads)) {
    const before = fold.state.get(orgId);
    if (before && head.size < before.size)
      fold.problems.push({
        line: lineNo,
        problem: `organisation ${orgId} shrank from ${before.size} to ${head.size} entries without a restore record`,
      });
    epochsOf(fold, orgId)
      .at(-1)
      ?.anchors.push({ ...head, n: r.n, time: r.time });
    fold.state.set(orgId, head);
  }
}

/**
 * Folds complete log lines into the state they vouch for, checking every line: it parses, is
 * numbered and linked to the line before, carries a valid signature, and its root matches the
 * folded state. A line with a bad signature or shape is reported and skipped; the rest are applied.
 */
export function foldLines(fold: FoldedLog, lines: readonly string[], keys: CheckpointKeyRing): FoldedLog {
  for (const line of lines) {
    const lineNo = ++fold.lines;
    const linkedTo = fold.lastLineHash;
    fold.lastLineHash = lineHash(line);
    let record: CheckpointRecord;
    try {
      record = JSON.parse(line) as CheckpointRecord;
    } catch {
      fold.problems.push({ line: lineNo, problem: 'not valid JSON' });
      continue;
    }
    const bad = shapeProblem(record) ?? signatureProblem(record, keys);
    if (bad) {
      fold.problems.push({ line: lineNo, problem: bad });
      continue;
    }
    if (record.n !== lineNo)
      fold.problems.push({
        line: lineNo,
        problem: `numbered ${record.n}, expected ${lineNo} (a line was removed or inserted)`,
      });
    if (record.prev !== linkedTo)
      fold.problems.push({
        line: lineNo,
        problem: 'does not link to the line before it (a line was removed, changed or the log forked)',
      });
    apply(fold, record, lineNo);
    const { treeSize, root } = stateRoot(fold.state);
    if (root !== record.root || treeSize !== record.treeSize)
      fold.problems.push({ line: lineNo, problem: 'its root does not match the heads of the lines before it' });
    fold.lastRecord = record;
  }
  return fold;
}

import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { orgsWithEntries, readChain, readHeads, type ChainHead } from './audit-log-repository.ts';
import { auditKeysOf } from './audit-keys-binding.ts';
import { walkChain, type EntryFindingKind } from './chain-walk.ts';
import type { Anchor, Epoch, FoldedLog, LogProblem } from './checkpoint-fold.ts';
import type { ChainRow } from './hash-chain.ts';

/**
 * What `verify` reports, each with the organisation and the seqs it concerns:
 * the entry-level kinds of chain-walk.ts (`rewritten`, `rehashed`, `deleted`, `unknown_key`), plus
 * - `truncated`: entries a checkpoint (or the database's own head row) vouched for are gone, or the
 *   chain was cut and grew again, so it no longer passes through a checkpointed head;
 * - `restored`: a restore record rolled the chain back past entries a checkpoint had vouched for.
 */
export type FindingKind = EntryFindingKind | 'truncated' | 'restored';

export interface Finding {
  kind: FindingKind;
  orgId: string;
  fromSeq: number;
  toSeq: number;
  detail: string;
}

/** clean: nothing found; restored: only rollbacks covered by restore records; unverifiable: a key was missing. */
export type TrailStatus = 'clean' | 'restored' | 'unverifiable' | 'tampered';

export interface OrgReport {
  orgId: string;
  entries: number;
  /** Entries vouched for by the latest checkpoint (0: none yet). */
  anchoredSize: number;
  status: TrailStatus;
  findings: Finding[];
}

export interface TrailReport {
  status: TrailStatus;
  orgs: OrgReport[];
  checkpoints: {
    records: number;
    last: { n: number; time: string; treeSize: number } | null;
    problems: LogProblem[];
  };
}

export interface VerifyOptions {
  /** Every HMAC key by kid. */
  hmacKeys: ReadonlyMap<string, KeyObject>;
  /** The folded checkpoint log (checkpoint-fold.ts); null to check the database against itself only. */
  checkpoints: FoldedLog | null;
  /** Only this organisation. */
  orgId?: string;
}

function statusOf(findings: readonly { kind: FindingKind }[], logProblems = 0): TrailStatus {
  if (logProblems > 0 || findings.some((f) => f.kind !== 'restored' && f.kind !== 'unknown_key')) return 'tampered';
  if (findings.some((f) => f.kind === 'unknown_key')) return 'unverifiable';
  return findings.length > 0 ? 'restored' : 'clean';
}

const at = (a: Anchor) => `#${a.n} (${a.time})`;

/** Rollbacks: each restore that left out entries the epoch before it had vouched for. */
function rollbacks(orgId: string, epochs: readonly Epoch[], hashAt: ReadonlyMap<number, string>): Finding[] {
  const found: Finding[] = [];
  for (let i = 1; i < epochs.length; i++) {
    const before = epochs
      .slice(0, i)
      .flatMap((e) => e.anchors)
      .at(-1);
    const restore = epochs[i].restore;
    if (!before || !restore) continue;
    const to = epochs[i].anchors[0]?.size ?? 0;
    if (to >= before.size && hashAt.get(before.size) === before.hash) continue;
    found.push({
      kind: 'restored',
      orgId,
      fromSeq: Math.min(to, before.size) + 1,
      toSeq: before.size,
      detail:
        to < before.size
          ? `restore record #${restore.n} (${restore.time}) rolled the chain back to seq ${to}; checkpoint ${at(before)} had vouched for ${before.size} entries`
          : `restore record #${restore.n} (${restore.time}) put back a chain that differs from checkpoint ${at(before)}`,
    });
  }
  return found;
}

/** The first checkpointed head (since the last restore) that the database no longer passes through. */
function anchorBreak(
  orgId: string,
  anchors: readonly Anchor[],
  rows: readonly ChainRow[],
  hashAt: ReadonlyMap<number, string>,
  explained: (from: number, to: number) => boolean,
  legacySeq: number,
): Finding | null {
  const lastSeq = rows.at(-1)?.seq ?? 0;
  let matched = 0;
  for (const a of anchors) {
    const hash = hashAt.get(a.size);
    if (hash === a.hash) {
      matched = a.size;
      continue;
    }
    const newest = anchors.at(-1) as Anchor;
    if (lastSeq < a.size) {
      return {
        kind: 'truncated',
        orgId,
        fromSeq: lastSeq + 1,
        toSeq: newest.size,
        detail: `the chain ends at seq ${lastSeq}; checkpoint ${at(newest)} vouched for ${newest.size} entries`,
      };
    }
    if (hash === undefined || explained(matched + 1, a.size)) return null;
    if (a.size <= legacySeq) {
      return {
        kind: 'rehashed',
        orgId,
        fromSeq: matched + 1,
        toSeq: a.size,
        detail: `unkeyed entries were rewritten and rehashed: seq ${a.size} differs from checkpoint ${at(a)}`,
      };
    }
    return {
      kind: 'truncated',
      orgId,
      fromSeq: matched + 1,
      toSeq: a.size,
      detail: `the chain was cut after seq ${matched} or later and grew again: seq ${a.size} differs from checkpoint ${at(a)}`,
    };
  }
  return null;
}

async function verifyOrg(
  db: Kysely<Database>,
  orgId: string,
  dbHead: ChainHead | undefined,
  opts: VerifyOptions,
): Promise<OrgReport> {
  const fold = opts.checkpoints;
  const rows = await readChain(db, orgId);
  // The checkpoints fix the unkeyed segment; before the first one, only the database says where it ends.
  const legacySeq = fold?.legacy ? (fold.legacy.get(orgId) ?? 0) : (dbHead?.legacySeq ?? 0);
  const findings: Finding[] = walkChain(rows, { keys: opts.hmacKeys, legacySeq }).map((f) => ({ ...f, orgId }));
  const explained = (from: number, to: number) => findings.some((f) => f.fromSeq <= to && f.toSeq >= from);
  const hashAt = new Map(rows.map((r) => [r.seq, r.hash]));
  const epochs = fold?.epochs.get(orgId) ?? [];
  const anchors = epochs.at(-1)?.anchors ?? [];
  findings.push(...rollbacks(orgId, epochs, hashAt));
  const broken = anchorBreak(orgId, anchors, rows, hashAt, explained, legacySeq);
  if (broken) findings.push(broken);
  const lastSeq = rows.at(-1)?.seq ?? 0;
  const anchoredSize = anchors.at(-1)?.size ?? 0;
  if (!broken && dbHead && dbHead.seq > lastSeq && dbHead.seq > anchoredSize) {
    findings.push({
      kind: 'truncated',
      orgId,
      fromSeq: Math.max(lastSeq, anchoredSize) + 1,
      toSeq: dbHead.seq,
      detail: `the chain ends at seq ${lastSeq}; the database's own head row (not yet checkpointed) says ${dbHead.seq}`,
    });
  }
  findings.sort((a, b) => a.fromSeq - b.fromSeq);
  return { orgId, entries: rows.length, anchoredSize, status: statusOf(findings), findings };
}

/** Verifies the audit chains in the database against the checkpoint log. */
export async function verifyAuditTrail(db: Kysely<Database>, opts: VerifyOptions): Promise<TrailReport> {
  const heads = new Map((await readHeads(db)).map((h) => [h.orgId, h]));
  const fold = opts.checkpoints;
  const all = new Set([...heads.keys(), ...(await orgsWithEntries(db)), ...(fold?.state.keys() ?? [])]);
  const orgIds = opts.orgId !== undefined ? [opts.orgId] : [...all].sort();
  const orgs: OrgReport[] = [];
  for (const orgId of orgIds) orgs.push(await verifyOrg(db, orgId, heads.get(orgId), opts));
  const problems = fold?.problems ?? [];
  const last = fold?.lastRecord ?? null;
  return {
    status: statusOf(
      orgs.flatMap((o) => o.findings),
      problems.length,
    ),
    orgs,
    checkpoints: {
      records: fold?.lines ?? 0,
      last: last && { n: last.n, time: last.time, treeSize: last.treeSize },
      problems,
    },
  };
}

/** One organisation's chain checked against itself, with the keys bound to `db` (an app's `fastify.db`). */
export async function verifyOrgChain(
  db: Kysely<Database>,
  orgId: string,
  checkpoints: FoldedLog | null = null,
): Promise<OrgReport> {
  const head = (await readHeads(db)).find((h) => h.orgId === orgId);
  return verifyOrg(db, orgId, head, { hmacKeys: auditKeysOf(db).keys, checkpoints });
}

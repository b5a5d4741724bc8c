import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AuditLogTable } from './audit-log-table.ts';
import { auditKeysOf } from './audit-keys-binding.ts';
import { GENESIS_HASH, sealEntry, type ChainedContent, type ChainRow } from './hash-chain.ts';

export interface AuditActor {
  kind: 'user' | 'api_key' | 'system';
  id: string;
}

/** What a caller records. `digest` is digestOf(change) — never the change itself, never personal data. */
export interface AuditAppend {
  orgId: string;
  actor: AuditActor;
  action: string;
  target: { type: string; id: string };
  requestId: string | null;
  digest: string;
  /** Defaults to Date.now(); tests pin it. */
  at?: number;
}

/**
 * Appends one entry to its organisation's hash chain. Pass the transaction that makes the change
 * so the entry commits (or rolls back) with it; given a plain Kysely instance it opens its own.
 * The chain head row is locked by an UPDATE, so concurrent appends of one organisation serialise
 * on every dialect and never fork the chain. The entry is sealed with the HMAC key bound to `db`
 * (audit-keys-binding.ts); without one it throws rather than write an unkeyed entry.
 */
export async function appendAudit(db: Kysely<Database>, entry: AuditAppend): Promise<AuditLogTable> {
  if (db.isTransaction) return appendIn(db, entry);
  return db.transaction().execute((trx) => appendIn(trx, entry));
}

async function appendIn(trx: Kysely<Database>, e: AuditAppend): Promise<AuditLogTable> {
  const ring = auditKeysOf(trx);
  await trx
    .insertInto('audit_chain_heads')
    .values({ org_id: e.orgId, seq: 0, hash: GENESIS_HASH, legacy_seq: 0 })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
  // RETURNING gives the incremented seq and the still-unchanged hash of the previous entry.
  const head = await trx
    .updateTable('audit_chain_heads')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('org_id', '=', e.orgId)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const content: ChainedContent = {
    orgId: e.orgId,
    seq: Number(head.seq),
    at: e.at ?? Date.now(),
    actorKind: e.actor.kind,
    actorId: e.actor.id,
    action: e.action,
    targetType: e.target.type,
    targetId: e.target.id,
    requestId: e.requestId,
    digest: e.digest,
  };
  const { hash, keyId } = sealEntry(ring, head.hash, content);
  const row: AuditLogTable = {
    org_id: content.orgId,
    seq: content.seq,
    at: content.at,
    actor_kind: content.actorKind,
    actor_id: content.actorId,
    action: content.action,
    target_type: content.targetType,
    target_id: content.targetId,
    request_id: content.requestId,
    digest: content.digest,
    prev_hash: head.hash,
    hash,
    key_id: keyId,
  };
  await trx.insertInto('audit_log').values(row).execute();
  await trx.updateTable('audit_chain_heads').set({ hash }).where('org_id', '=', e.orgId).execute();
  return row;
}

/** One page of an organisation's chain in seq order. */
export function listAudit(
  db: Kysely<Database>,
  orgId: string,
  afterSeq: number,
  limit: number,
): Promise<AuditLogTable[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export function chainRowOf(r: AuditLogTable): ChainRow {
  return {
    orgId: r.org_id,
    seq: Number(r.seq),
    at: Number(r.at),
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    requestId: r.request_id,
    digest: r.digest,
    prevHash: r.prev_hash,
    hash: r.hash,
    // A database not yet migrated to 0004 has no key_id: all of its entries are unkeyed.
    keyId: r.key_id ?? null,
  };
}

const PAGE = 5_000;

/** An organisation's entries with afterSeq < seq <= toSeq (default: all), read in pages. */
export async function readChain(
  db: Kysely<Database>,
  orgId: string,
  afterSeq = 0,
  toSeq = Number.MAX_SAFE_INTEGER,
): Promise<ChainRow[]> {
  const rows: ChainRow[] = [];
  for (let after = afterSeq; ;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('seq', '>', after)
      .where('seq', '<=', toSeq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const r of page) rows.push(chainRowOf(r));
    if (page.length < PAGE) return rows;
    after = Number(page[page.length - 1].seq);
  }
}

export interface ChainHead {
  orgId: string;
  seq: number;
  hash: string;
  legacySeq: number;
}

/** Every organisation's head as the database has it. */
export async function readHeads(db: Kysely<Database>): Promise<ChainHead[]> {
  const rows = await db.selectFrom('audit_chain_heads').selectAll().orderBy('org_id').execute();
  // Without legacy_seq (not yet migrated to 0004) the whole chain predates keyed entries.
  return rows.map((r) => ({
    orgId: r.org_id,
    seq: Number(r.seq),
    hash: r.hash,
    legacySeq: Number(r.legacy_seq ?? r.seq),
  }));
}

/** Organisations with entries, whether or not their head row is still there. */
export async function orgsWithEntries(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('org_id').distinct().execute();
  return rows.map((r) => r.org_id);
}

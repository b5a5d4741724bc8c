import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AuditLogTable } from './audit-log-table.ts';
import { entryHash, GENESIS_HASH, type ChainedContent } from './hash-chain.ts';

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
 * on every dialect and never fork the chain.
 */
export async function appendAudit(db: Kysely<Database>, entry: AuditAppend): Promise<AuditLogTable> {
  if (db.isTransaction) return appendIn(db, entry);
  return db.transaction().execute((trx) => appendIn(trx, entry));
}

async function appendIn(trx: Kysely<Database>, e: AuditAppend): Promise<AuditLogTable> {
  await trx
    .insertInto('audit_chain_heads')
    .values({ org_id: e.orgId, seq: 0, hash: GENESIS_HASH })
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
  const hash = entryHash(head.hash, content);
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
  };
  await trx.insertInto('audit_log').values(row).execute();
  await trx.updateTable('audit_chain_heads').set({ hash }).where('org_id', '=', e.orgId).execute();
  return row;
}

/** One page of an organisation's chain in seq order. */
export function listAudit(db: Kysely<Database>, orgId: string, afterSeq: number, limit: number): Promise<AuditLogTable[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

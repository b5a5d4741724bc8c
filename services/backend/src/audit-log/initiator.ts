import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { appendAudit, type AuditActor } from './audit-log-repository.ts';
import type { AuditLogTable } from './audit-log-table.ts';
import { digestOf } from './canonical-json.ts';

/**
 * Who causes a change, as the audit log records it: the organisation, the actor (a user, an API
 * key or a system job) and the request id. Every state-changing service call takes one.
 */
export interface Initiator {
  readonly orgId: string;
  readonly actor: AuditActor;
  readonly requestId: string | null;
}

/** The initiator of an API request: its principal and its request id. */
export function initiatorOf(
  principal: { kind: 'user' | 'api_key'; id: string; orgId: string },
  requestId: string,
): Initiator {
  return { orgId: principal.orgId, actor: { kind: principal.kind, id: principal.id }, requestId };
}

/**
 * Appends `by`'s entry for one change; only the digest of `change` is stored, so `change` may name
 * whatever re-verifies it later. Pass the transaction that makes the change (given the plain
 * Kysely instance, the entry gets a transaction of its own).
 */
export function auditChange(
  db: Kysely<Database>,
  by: Initiator,
  action: string,
  target: { type: string; id: string },
  change: unknown,
): Promise<AuditLogTable> {
  return appendAudit(db, {
    orgId: by.orgId,
    actor: by.actor,
    action,
    target,
    requestId: by.requestId,
    digest: digestOf(change),
  });
}

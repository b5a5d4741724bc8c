import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { sampledTraceOf, scopeToTrace } from '@ethixai/observability';
import type { Database } from '../db/schema.ts';
import { actorOf, appendAudit } from './audit-log-repository.ts';
import { digestOf } from './canonical-json.ts';

/**
 * One call per state-changing route: the caller's principal is the actor, the request id is
 * kept, and only the sha256 of `change` is stored (so `change` may mention anything needed to
 * re-verify it later, never appear in the log). Pass the transaction that makes the change when
 * there is one; given the plain Kysely instance the entry gets its own transaction.
 */
export function auditRequest(
  db: Kysely<Database>,
  request: FastifyRequest,
  action: string,
  target: { type: string; id: string },
  change: unknown,
): Promise<unknown> {
  const principal = request.principal;
  return appendAudit(scopeToTrace(db, sampledTraceOf(request)), { orgId: principal.orgId, actor: actorOf(principal), action, target, requestId: request.id, digest: digestOf(change) });
}

import type { Kysely } from 'kysely';
import type { AuditLogPage } from '@ethixai/contracts';
import type { Database } from '../db/schema.ts';
import { iso } from '../db/sql-helpers.ts';
import { listAudit } from './audit-log-repository.ts';

/** Reading an organisation's audit chain, oldest first, in pages by seq. */
export function createAuditLogService(db: Kysely<Database>) {
  return {
    async page(orgId: string, afterSeq: number, limit: number): Promise<AuditLogPage> {
      const rows = await listAudit(db, orgId, afterSeq, limit + 1);
      const page = rows.slice(0, limit);
      return {
        orgId,
        items: page.map((r) => ({
          seq: Number(r.seq),
          at: iso(Number(r.at)),
          actorKind: r.actor_kind,
          actorId: r.actor_id,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          requestId: r.request_id,
          digest: r.digest,
          prevHash: r.prev_hash,
          hash: r.hash,
          keyId: r.key_id,
        })),
        nextAfterSeq: rows.length > limit ? Number(page[page.length - 1].seq) : null,
      };
    },
  };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;

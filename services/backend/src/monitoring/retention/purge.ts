import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { appendAudit } from '../../audit-log/audit-log-repository.ts';
import { digestOf } from '../../audit-log/canonical-json.ts';

const DAY_MS = 86_400_000;
/** The largest bucket a policy allows; a bucket is kept this long past the cutoff (see below). */
const MAX_BUCKET_MS = DAY_MS;

export interface PurgeResult {
  orgId: string;
  retentionDays: number;
  evaluations: number;
  windowCells: number;
}

/**
 * Enforces each organisation's retention period (organisations.retention_days). Evaluations are
 * deleted when their decision time is older than the cutoff; window cells one maximum bucket
 * later, so a surviving evaluation always still has its cell (a late outcome never lands on a
 * purged bucket). Each organisation that lost records gets an audit entry with the counts' digest.
 */
export async function purgeExpired(db: Kysely<Database>, now = Date.now(), onlyOrgId?: string): Promise<PurgeResult[]> {
  let query = db.selectFrom('organisations').select(['id', 'retention_days']);
  if (onlyOrgId !== undefined) query = query.where('id', '=', onlyOrgId);
  const orgs = await query.execute();
  const results: PurgeResult[] = [];
  for (const org of orgs) {
    const cutoff = now - Number(org.retention_days) * DAY_MS;
    const result = await db.transaction().execute(async (trx) => {
      const ev = await trx
        .deleteFrom('evaluations')
        .where('org_id', '=', org.id)
        .where('decided_at', '<', cutoff)
        .executeTakeFirst();
      const cells = await trx
        .deleteFrom('window_counts')
        .where('org_id', '=', org.id)
        .where('bucket_start', '<', cutoff - MAX_BUCKET_MS)
        .executeTakeFirst();
      const r: PurgeResult = {
        orgId: org.id,
        retentionDays: Number(org.retention_days),
        evaluations: Number(ev.numDeletedRows),
        windowCells: Number(cells.numDeletedRows),
      };
      if (r.evaluations + r.windowCells > 0) {
        await appendAudit(trx, {
          orgId: org.id,
          actor: { kind: 'system', id: 'retention-purge' },
          action: 'retention.purge',
          target: { type: 'organisation', id: org.id },
          requestId: null,
          digest: digestOf({ cutoff, ...r }),
          at: now,
        });
      }
      return r;
    });
    results.push(result);
  }
  return results;
}

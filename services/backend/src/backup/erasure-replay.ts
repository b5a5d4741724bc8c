import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditChange, type Initiator } from '../audit-log/initiator.ts';
import type { ErasureRecord } from '../monitoring/retention/erasure-log.ts';
import { eraseEvaluations } from '../monitoring/retention/retention-repository.ts';
import { subjectDigestOf } from '../monitoring/retention/retention-service.ts';

export interface ReplayResult {
  /** Erasures of the log that found records again (made after the backup was taken). */
  replayed: number;
  evaluations: number;
}

const REPLAY_ACTOR = { kind: 'system', id: 'restore-erasure-replay' } as const;

/**
 * Erases again, in a restored database, what the erasure log says was erased. The log names
 * subjects by digest only, so each organisation's subject ids are digested and matched. An
 * erasure that finds nothing (it predates the backup) changes nothing and records nothing; one
 * that finds records erases them and appends the same audit entry the original erasure did.
 */
export async function replayErasures(db: Kysely<Database>, records: readonly ErasureRecord[]): Promise<ReplayResult> {
  const result: ReplayResult = { replayed: 0, evaluations: 0 };
  const subjects = new Map<string, Set<string>>();
  for (const r of records)
    if (r.kind === 'subject') subjects.set(r.orgId, (subjects.get(r.orgId) ?? new Set()).add(r.subject));

  for (const [orgId, digests] of subjects) {
    const rows = await db
      .selectFrom('evaluations')
      .select(['id', 'subject_id'])
      .where('org_id', '=', orgId)
      .where('subject_id', 'is not', null)
      .execute();
    const bySubject = new Map<string, string[]>();
    for (const row of rows) {
      const digest = subjectDigestOf(orgId, row.subject_id as string);
      if (digests.has(digest)) bySubject.set(digest, [...(bySubject.get(digest) ?? []), row.id]);
    }
    for (const [digest, ids] of bySubject) {
      const n = await db.transaction().execute(async (trx) => {
        const found = await trx.selectFrom('evaluations').selectAll().where('id', 'in', ids).execute();
        const deleted = await eraseEvaluations(trx, found);
        await auditChange(
          trx,
          replayer(orgId),
          'subject.erase',
          { type: 'subject', id: digest },
          { subject: digest, deleted, replayed: true },
        );
        return deleted;
      });
      result.replayed += 1;
      result.evaluations += n;
    }
  }

  for (const r of records) {
    if (r.kind !== 'evaluation') continue;
    const n = await db.transaction().execute(async (trx) => {
      const found = await trx
        .selectFrom('evaluations')
        .selectAll()
        .where('org_id', '=', r.orgId)
        .where('id', '=', r.evaluation)
        .execute();
      if (found.length === 0) return 0;
      const deleted = await eraseEvaluations(trx, found);
      await auditChange(
        trx,
        replayer(r.orgId),
        'evaluation.erase',
        { type: 'evaluation', id: r.evaluation },
        { evaluation: r.evaluation, deleted, replayed: true },
      );
      return deleted;
    });
    if (n > 0) {
      result.replayed += 1;
      result.evaluations += n;
    }
  }
  return result;
}

function replayer(orgId: string): Initiator {
  return { orgId, actor: REPLAY_ACTOR, requestId: null };
}

import type { Kysely } from 'kysely';
import { auditChange, type Initiator } from '../../audit-log/initiator.ts';
import { sha256Hex } from '../../audit-log/canonical-json.ts';
import type { Database } from '../../db/schema.ts';
import { httpError } from '../../errors.ts';
import { createOrgsRepository } from '../../orgs/orgs-repository.ts';
import { createEvaluationsRepository } from '../evaluations/evaluations-repository.ts';
import type { LiveWindow } from '../live-window/live-window.ts';
import type { PurgeResult } from './purge.ts';
import type { ErasureLog } from './erasure-log.ts';
import { eraseEvaluations, evaluationsOfSubject } from './retention-repository.ts';

export interface RetentionDeps {
  readonly db: Kysely<Database>;
  readonly window: LiveWindow;
  /** Runs the retention purge for one organisation now. */
  readonly purgeOrg: (orgId: string) => Promise<PurgeResult[]>;
  /** Records each erasure outside the database, for restores to replay. */
  readonly erasureLog: ErasureLog;
}

/**
 * Erasure and retention (admin). Erasing takes the evaluations out of the live window in the same
 * transaction. The audit entries name a subject only by a salted digest (sha256 of org id and
 * subject id), so the chain holds no personal data and stays verifiable.
 */
/** How a subject is named outside the evaluations table (audit chain, erasure log). */
export function subjectDigestOf(orgId: string, subjectId: string): string {
  return sha256Hex(`${orgId}:${subjectId}`);
}

export function createRetentionService({ db, window, purgeOrg, erasureLog }: RetentionDeps) {
  const evaluations = createEvaluationsRepository(db);
  const orgs = createOrgsRepository(db);

  return {
    async eraseSubject(subjectId: string, by: Initiator): Promise<{ deleted: number }> {
      const subjectDigest = subjectDigestOf(by.orgId, subjectId);
      const deleted = await db.transaction().execute(async (trx) => {
        const n = await eraseEvaluations(trx, await evaluationsOfSubject(trx, by.orgId, subjectId));
        await auditChange(
          trx,
          by,
          'subject.erase',
          { type: 'subject', id: subjectDigest },
          { subject: subjectDigest, deleted: n },
        );
        await erasureLog({
          v: 1,
          time: new Date().toISOString(),
          orgId: by.orgId,
          kind: 'subject',
          subject: subjectDigest,
        });
        return n;
      });
      window.invalidate();
      return { deleted };
    },

    async eraseEvaluation(id: string, by: Initiator): Promise<{ deleted: number }> {
      const deleted = await db.transaction().execute(async (trx) => {
        const row = await evaluations.get(by.orgId, id, trx);
        if (!row) throw httpError('BE_ERR_EVALUATION_NOT_FOUND', `Evaluation ${id} not found`);
        const n = await eraseEvaluations(trx, [row]);
        await auditChange(
          trx,
          by,
          'evaluation.erase',
          { type: 'evaluation', id: row.id },
          { evaluation: row.id, deleted: n },
        );
        await erasureLog({
          v: 1,
          time: new Date().toISOString(),
          orgId: by.orgId,
          kind: 'evaluation',
          evaluation: row.id,
        });
        return n;
      });
      window.invalidate();
      return { deleted };
    },

    async retention(orgId: string): Promise<{ retentionDays: number }> {
      const org = await orgs.findById(orgId);
      if (!org) throw new Error(`organisation ${orgId} of an authenticated principal does not exist`);
      return { retentionDays: Number(org.retention_days) };
    },

    async setRetention(retentionDays: number, by: Initiator): Promise<{ retentionDays: number }> {
      await db.transaction().execute(async (trx) => {
        await createOrgsRepository(trx).setRetentionDays(by.orgId, retentionDays);
        await auditChange(trx, by, 'retention.update', { type: 'organisation', id: by.orgId }, { retentionDays });
      });
      return { retentionDays };
    },

    async purgeNow(orgId: string): Promise<{ evaluations: number; windowCells: number }> {
      const [r] = await purgeOrg(orgId);
      return { evaluations: r?.evaluations ?? 0, windowCells: r?.windowCells ?? 0 };
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;

import type { Kysely } from 'kysely';
import type {
  AddModelVersionBody,
  CreateModelBody,
  Model,
  ModelFairness,
  PageQuery,
  PolicyInput,
} from '@ethixai/contracts';
import { auditChange, type Initiator } from '../../audit-log/initiator.ts';
import type { Database } from '../../db/schema.ts';
import { iso } from '../../db/sql-helpers.ts';
import { httpError } from '../../errors.ts';
import type { LiveWindow } from '../live-window/live-window.ts';
import { PolicyProblem } from '../policies/policy-defaults.ts';
import type { ModelCatalog } from './model-catalog.ts';
import { toModel, type ModelRecord, type ModelsRepository } from './models-repository.ts';

const asPolicyError = <T>(work: () => Promise<T>): Promise<T> =>
  work().catch((err: unknown) => {
    throw err instanceof PolicyProblem ? httpError('BE_ERR_POLICY_INVALID', err.message) : err;
  });

export interface ModelsDeps {
  readonly db: Kysely<Database>;
  readonly models: ModelsRepository;
  readonly catalog: ModelCatalog;
  readonly window: LiveWindow;
}

/**
 * Monitored models, their versions and their versioned monitoring policies; every change is
 * audited in its transaction and invalidates this process's catalog (other replicas: within the
 * catalog's TTL). The live fairness window of a model version.
 */
export function createModelsService({ db, models, catalog, window }: ModelsDeps) {
  async function mustLoad(orgId: string, id: string): Promise<ModelRecord> {
    const record = await models.load(orgId, id);
    if (!record) throw httpError('BE_ERR_MODEL_NOT_FOUND', `Model ${id} not found`);
    return record;
  }

  return {
    async create(body: CreateModelBody, by: Initiator): Promise<Model> {
      const record = await asPolicyError(() =>
        db.transaction().execute(async (trx) => {
          const r = await models.create(trx, by.orgId, body, by.actor.id);
          await auditChange(trx, by, 'model.create', { type: 'model', id: r.model.id }, body);
          return r;
        }),
      );
      return toModel(record);
    },

    async list(orgId: string, page: PageQuery): Promise<{ items: Model[]; total: number }> {
      const { items, total } = await models.list(orgId, page.limit, page.offset);
      return { items: items.map(toModel), total };
    },

    async get(orgId: string, id: string): Promise<Model> {
      return toModel(await mustLoad(orgId, id));
    },

    async addVersion(id: string, body: AddModelVersionBody, by: Initiator): Promise<Model> {
      const record = await db.transaction().execute(async (trx) => {
        const r = await models.addVersion(trx, by.orgId, id, body.version);
        await auditChange(trx, by, 'model.version.add', { type: 'model', id: r.model.id }, body);
        return r;
      });
      catalog.invalidate(by.orgId, id);
      catalog.note(record);
      return toModel(record);
    },

    /** A new policy version; later evaluations are assessed under it. */
    async putPolicy(id: string, input: PolicyInput, by: Initiator): Promise<Model> {
      const record = await asPolicyError(() =>
        db.transaction().execute(async (trx) => {
          const r = await models.putPolicy(trx, by.orgId, id, input, by.actor.id);
          await auditChange(
            trx,
            by,
            'model.policy.update',
            { type: 'model', id: r.model.id },
            { version: r.policy.version, policy: input },
          );
          return r;
        }),
      );
      catalog.invalidate(by.orgId, id);
      window.invalidate(id);
      return toModel(record);
    },

    /** The live window of `version` (default: the latest registered), audited now. */
    async fairness(orgId: string, id: string, version: string | undefined): Promise<ModelFairness> {
      const record = await mustLoad(orgId, id);
      catalog.note(record);
      const chosen = version ?? record.versions[record.versions.length - 1];
      if (!record.versions.includes(chosen))
        throw httpError(
          'BE_ERR_MODEL_VERSION_NOT_FOUND',
          `version: model ${record.model.id} has no version "${chosen}"`,
        );
      const s = await window.snapshot(record.model.id, chosen, record.policy);
      return {
        modelId: record.model.id,
        modelVersion: chosen,
        policyVersion: record.policy.version,
        window: {
          from: iso(s.from),
          to: iso(s.to),
          decisions: s.decisions,
          decisionsWithOutcome: s.decisionsWithOutcome,
          minDecisions: record.policy.window.minDecisions,
        },
        verdict: s.verdict,
        groups: s.groups,
        verdicts: s.verdicts,
        engineVersion: s.engineVersion,
      };
    },
  };
}

export type ModelsService = ReturnType<typeof createModelsService>;

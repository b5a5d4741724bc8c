import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreateModelBody, Model, Policy, PolicyInput } from '@ethixai/contracts';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation, iso } from '../../db/sql-helpers.ts';
import { httpError } from '../../errors.ts';
import { resolvePolicy } from '../policies/policy-defaults.ts';
import type { MonitoredModelsTable } from '../db-tables.ts';

/** A registered model with its versions and the policy version new evaluations use. */
export interface ModelRecord {
  model: MonitoredModelsTable;
  versions: string[];
  policy: Policy;
}

export function toModel(r: ModelRecord): Model {
  const m = r.model;
  return {
    id: m.id,
    orgId: m.org_id,
    name: m.name,
    owner: m.owner,
    intendedUse: m.intended_use,
    versions: r.versions,
    policy: r.policy,
    createdAt: iso(Number(m.created_at)),
  };
}

/** Models, their versions and their append-only policy versions; every query is org-scoped. */
export function createModelsRepository(db: Kysely<Database>) {
  async function load(orgId: string, id: string, trx: Kysely<Database> = db): Promise<ModelRecord | undefined> {
    const model = await trx
      .selectFrom('monitored_models')
      .selectAll()
      .where('id', '=', id)
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    if (!model) return undefined;
    const versions = await trx
      .selectFrom('model_versions')
      .select('version')
      .where('model_id', '=', id)
      .orderBy('created_at')
      .orderBy('version')
      .execute();
    const policy = await policyVersion(id, model.policy_version, trx);
    return { model, versions: versions.map((v) => v.version), policy: policy! };
  }

  async function policyVersion(
    modelId: string,
    version: number,
    trx: Kysely<Database> = db,
  ): Promise<Policy | undefined> {
    const row = await trx
      .selectFrom('monitoring_policies')
      .select('body')
      .where('model_id', '=', modelId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? (JSON.parse(row.body) as Policy) : undefined;
  }

  return {
    load,
    policyVersion,

    /** Inserts model, first version and policy v1 in the caller's transaction. */
    async create(
      trx: Kysely<Database>,
      orgId: string,
      body: CreateModelBody,
      createdBy: string,
      now = Date.now(),
    ): Promise<ModelRecord> {
      const policy = resolvePolicy(body.policy, 1, now, createdBy);
      const model: MonitoredModelsTable = {
        id: randomUUID(),
        org_id: orgId,
        name: body.name,
        owner: body.owner,
        intended_use: body.intendedUse,
        policy_version: 1,
        created_at: now,
        created_by: createdBy,
      };
      try {
        await trx.insertInto('monitored_models').values(model).execute();
      } catch (err) {
        if (isUniqueViolation(err))
          throw httpError('BE_ERR_MODEL_EXISTS', `A model named "${body.name}" already exists in this organisation`);
        throw err;
      }
      await trx
        .insertInto('model_versions')
        .values({ model_id: model.id, version: body.version, created_at: now })
        .execute();
      await trx
        .insertInto('monitoring_policies')
        .values({
          model_id: model.id,
          version: 1,
          body: JSON.stringify(policy),
          created_at: now,
          created_by: createdBy,
        })
        .execute();
      return { model, versions: [body.version], policy };
    },

    async addVersion(
      trx: Kysely<Database>,
      orgId: string,
      id: string,
      version: string,
      now = Date.now(),
    ): Promise<ModelRecord> {
      const existing = await load(orgId, id, trx);
      if (!existing) throw httpError('BE_ERR_MODEL_NOT_FOUND', `Model ${id} not found`);
      if (existing.versions.includes(version))
        throw httpError('BE_ERR_MODEL_VERSION_EXISTS', `Model ${id} already has version "${version}"`);
      await trx.insertInto('model_versions').values({ model_id: id, version, created_at: now }).execute();
      return { ...existing, versions: [...existing.versions, version] };
    },

    /** Appends a policy version; the UPDATE's row lock serialises concurrent policy changes. */
    async putPolicy(
      trx: Kysely<Database>,
      orgId: string,
      id: string,
      input: PolicyInput,
      createdBy: string,
      now = Date.now(),
    ): Promise<ModelRecord> {
      const bumped = await trx
        .updateTable('monitored_models')
        .set((eb) => ({ policy_version: eb('policy_version', '+', 1) }))
        .where('id', '=', id)
        .where('org_id', '=', orgId)
        .returning('policy_version')
        .executeTakeFirst();
      if (!bumped) throw httpError('BE_ERR_MODEL_NOT_FOUND', `Model ${id} not found`);
      const policy = resolvePolicy(input, Number(bumped.policy_version), now, createdBy);
      await trx
        .insertInto('monitoring_policies')
        .values({
          model_id: id,
          version: policy.version,
          body: JSON.stringify(policy),
          created_at: now,
          created_by: createdBy,
        })
        .execute();
      return (await load(orgId, id, trx))!;
    },

    async list(orgId: string, limit: number, offset: number): Promise<{ items: ModelRecord[]; total: number }> {
      const rows = await db
        .selectFrom('monitored_models')
        .select('id')
        .where('org_id', '=', orgId)
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute();
      const total = await db
        .selectFrom('monitored_models')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_id', '=', orgId)
        .executeTakeFirstOrThrow();
      const items: ModelRecord[] = [];
      for (const r of rows) items.push((await load(orgId, r.id))!);
      return { items, total: Number(total.n) };
    },
  };
}

export type ModelsRepository = ReturnType<typeof createModelsRepository>;

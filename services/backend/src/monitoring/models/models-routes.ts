import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddModelVersionBodySchema, CreateModelBodySchema, FairnessQuerySchema, IdParamsSchema, ModelFairnessSchema, ModelListSchema,
  ModelSchema, PageQuerySchema, PolicyInputSchema,
} from '@ethixai/contracts';
import { iso } from '../../db/sql-helpers.ts';
import { httpError } from '../../errors.ts';
import { actorOf, appendAudit } from '../../audit-log/audit-log-repository.ts';
import { digestOf } from '../../audit-log/canonical-json.ts';
import type { MonitoringContext } from '../monitoring-context.ts';
import { PolicyProblem } from '../policies/policy-defaults.ts';
import { errors } from '../../http/error-responses.ts';
import { toModel } from './models-repository.ts';

const asPolicyError = <T>(work: () => Promise<T>): Promise<T> =>
  work().catch((err: unknown) => {
    throw err instanceof PolicyProblem ? httpError('BE_ERR_POLICY_INVALID', err.message) : err;
  });

/** Monitored models, their versions and their versioned monitoring policies. */
const modelsRoutes: FastifyPluginAsyncTypebox<{ ctx: MonitoringContext }> = async (fastify, { ctx }) => {
  const tags = ['models'];
  const analyst = fastify.requireRole('analyst');
  const { db, models, catalog, window } = ctx;

  fastify.post('/models', { preHandler: analyst, schema: { tags, summary: 'Register a model with its monitoring policy', body: CreateModelBodySchema, response: { 201: ModelSchema, ...errors(400, 401, 403, 409, 429) } } },
    async (request, reply) => {
      const p = request.principal;
      const record = await asPolicyError(() => db.transaction().execute(async (trx) => {
        const r = await models.create(trx, p.orgId, request.body, p.id);
        await appendAudit(trx, { orgId: p.orgId, actor: actorOf(p), action: 'model.create', target: { type: 'model', id: r.model.id }, requestId: request.id, digest: digestOf(request.body) });
        return r;
      }));
      return reply.code(201).send(toModel(record));
    });

  fastify.get('/models', { schema: { tags, summary: 'List models', querystring: PageQuerySchema, response: { 200: ModelListSchema, ...errors(400, 401, 429) } } },
    async (request) => {
      const { items, total } = await models.list(request.principal.orgId, request.query.limit, request.query.offset);
      return { items: items.map(toModel), total };
    });

  fastify.get('/models/:id', { schema: { tags, summary: 'One model with its versions and current policy', params: IdParamsSchema, response: { 200: ModelSchema, ...errors(400, 401, 404, 429) } } },
    async (request) => {
      const record = await models.load(request.principal.orgId, request.params.id);
      if (!record) throw httpError('BE_ERR_MODEL_NOT_FOUND', `Model ${request.params.id} not found`);
      return toModel(record);
    });

  fastify.post('/models/:id/versions', { preHandler: analyst, schema: { tags, summary: 'Register a new model version', params: IdParamsSchema, body: AddModelVersionBodySchema, response: { 201: ModelSchema, ...errors(400, 401, 403, 404, 409, 429) } } },
    async (request, reply) => {
      const p = request.principal;
      const record = await db.transaction().execute(async (trx) => {
        const r = await models.addVersion(trx, p.orgId, request.params.id, request.body.version);
        await appendAudit(trx, { orgId: p.orgId, actor: actorOf(p), action: 'model.version.add', target: { type: 'model', id: r.model.id }, requestId: request.id, digest: digestOf(request.body) });
        return r;
      });
      catalog.invalidate(p.orgId, request.params.id);
      catalog.note(record);
      return reply.code(201).send(toModel(record));
    });

  fastify.put('/models/:id/policy', { preHandler: analyst, schema: { tags, summary: 'Create a new policy version; later evaluations use it', params: IdParamsSchema, body: PolicyInputSchema, response: { 200: ModelSchema, ...errors(400, 401, 403, 404, 429) } } },
    async (request) => {
      const p = request.principal;
      const record = await asPolicyError(() => db.transaction().execute(async (trx) => {
        const r = await models.putPolicy(trx, p.orgId, request.params.id, request.body, p.id);
        await appendAudit(trx, { orgId: p.orgId, actor: actorOf(p), action: 'model.policy.update', target: { type: 'model', id: r.model.id }, requestId: request.id, digest: digestOf({ version: r.policy.version, policy: request.body }) });
        return r;
      }));
      catalog.invalidate(p.orgId, request.params.id);
      window.invalidate(request.params.id);
      return toModel(record);
    });

  fastify.get('/models/:id/fairness', { schema: { tags, summary: 'Live fairness window of a model version (default: the latest)', params: IdParamsSchema, querystring: FairnessQuerySchema, response: { 200: ModelFairnessSchema, ...errors(400, 401, 404, 429) } } },
    async (request) => {
      const record = await models.load(request.principal.orgId, request.params.id);
      if (!record) throw httpError('BE_ERR_MODEL_NOT_FOUND', `Model ${request.params.id} not found`);
      catalog.note(record);
      const version = request.query.version ?? record.versions[record.versions.length - 1];
      if (!record.versions.includes(version)) throw httpError('BE_ERR_MODEL_VERSION_NOT_FOUND', `version: model ${record.model.id} has no version "${version}"`);
      const s = await window.snapshot(record.model.id, version, record.policy);
      return {
        modelId: record.model.id, modelVersion: version, policyVersion: record.policy.version,
        window: { from: iso(s.from), to: iso(s.to), decisions: s.decisions, decisionsWithOutcome: s.decisionsWithOutcome, minDecisions: record.policy.window.minDecisions },
        verdict: s.verdict, groups: s.groups, verdicts: s.verdicts, engineVersion: s.engineVersion,
      };
    });
};

export default modelsRoutes;

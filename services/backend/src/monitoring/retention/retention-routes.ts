import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErasureResultSchema, IdParamsSchema } from '@ethixai/contracts';
import { initiatorOf } from '../../audit-log/initiator.ts';
import { errors } from '../../http/error-responses.ts';

const SubjectParams = Type.Object(
  { subjectId: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
const RetentionSchema = Type.Object(
  { retentionDays: Type.Integer({ minimum: 1, maximum: 36_500 }) },
  { additionalProperties: false },
);
const PurgeResultSchema = Type.Object({ evaluations: Type.Integer(), windowCells: Type.Integer() });

/** Erasure of a person's or one decision's records, and the organisation's retention period (admin). */
const retentionRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const tags = ['retention'];
  const admin = fastify.requireRole('admin');
  const retention = fastify.retentionService;

  fastify.delete(
    '/subjects/:subjectId',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Erase every evaluation of a person (subject id)',
        params: SubjectParams,
        response: { 200: ErasureResultSchema, ...errors(400, 401, 403, 429) },
      },
    },
    async (request) => retention.eraseSubject(request.params.subjectId, initiatorOf(request.principal, request.id)),
  );

  fastify.delete(
    '/evaluations/:id',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Erase one evaluation',
        params: IdParamsSchema,
        response: { 200: ErasureResultSchema, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request) => retention.eraseEvaluation(request.params.id, initiatorOf(request.principal, request.id)),
  );

  fastify.get(
    '/retention',
    {
      schema: {
        tags,
        summary: "The organisation's retention period",
        response: { 200: RetentionSchema, ...errors(401, 429) },
      },
    },
    async (request) => retention.retention(request.principal.orgId),
  );

  fastify.put(
    '/retention',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Set the retention period (days)',
        body: RetentionSchema,
        response: { 200: RetentionSchema, ...errors(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request) => retention.setRetention(request.body.retentionDays, initiatorOf(request.principal, request.id)),
  );

  fastify.post(
    '/retention/purge',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Run the retention purge now (this organisation)',
        response: { 200: PurgeResultSchema, ...errors(400, 401, 403, 429) },
      },
    },
    async (request) => retention.purgeNow(request.principal.orgId),
  );
};

export default retentionRoutes;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AlertmanagerWebhookSchema,
  IdParamsSchema,
  IncidentListQuerySchema,
  IncidentListSchema,
  IncidentSchema,
  WebhookResultSchema,
} from '@ethixai/contracts';
import { initiatorOf } from '../../audit-log/initiator.ts';
import { httpError } from '../../errors.ts';
import { errors } from '../../http/error-responses.ts';
import { createBearerCheck } from '@ethixai/service-kit';

/**
 * Incidents. The webhook is public to the user/API-key auth and checks its own bearer token
 * (Alertmanager's `authorization.credentials_file`); the token check runs before the body is
 * validated, so an unauthenticated caller learns nothing about the payload rules. Without a
 * configured target (INCIDENTS_ORG_ID) it answers 503 BE_ERR_WEBHOOK_DISABLED to everyone.
 */
const incidentsRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const tags = ['incidents'];
  const analyst = fastify.requireRole('analyst');
  const incidents = fastify.incidentsService;
  const tokens = fastify.secrets.INCIDENTS_WEBHOOK_TOKENS;
  const webhookTokenMatches = tokens.length === 0 ? () => false : createBearerCheck(tokens);

  fastify.post(
    '/alerts/webhook',
    {
      config: { public: true },
      onRequest: async (request) => {
        incidents.assertWebhookEnabled();
        if (!webhookTokenMatches(request.headers.authorization)) {
          throw httpError('BE_ERR_WEBHOOK_UNAUTHORIZED', 'Send "Authorization: Bearer <incidents webhook token>"');
        }
      },
      schema: {
        tags,
        summary: 'Alertmanager webhook (version 4): open, repeat and resolve incidents',
        body: AlertmanagerWebhookSchema,
        response: { 200: WebhookResultSchema, ...errors(400, 401, 413, 415, 429, 503) },
      },
    },
    async (request) => incidents.ingest(request.body),
  );

  fastify.get(
    '/incidents',
    {
      schema: {
        tags,
        summary: 'List incidents (most recently seen first)',
        querystring: IncidentListQuerySchema,
        response: { 200: IncidentListSchema, ...errors(400, 401, 429) },
      },
    },
    async (request) => incidents.list(request.principal.orgId, request.query),
  );

  for (const action of ['acknowledge', 'resolve'] as const) {
    fastify.post(
      `/incidents/:id/${action}`,
      {
        preHandler: analyst,
        schema: {
          tags,
          summary: `${action === 'resolve' ? 'Resolve' : 'Acknowledge'} an incident by hand`,
          params: IdParamsSchema,
          response: { 200: IncidentSchema, ...errors(400, 401, 403, 404, 409, 429) },
        },
      },
      async (request) => incidents.transition(action, request.params.id, initiatorOf(request.principal, request.id)),
    );
  }
};

export default incidentsRoutes;

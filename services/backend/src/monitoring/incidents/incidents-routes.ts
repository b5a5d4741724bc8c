import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AlertmanagerWebhookSchema, IdParamsSchema, IncidentListQuerySchema, IncidentListSchema, IncidentSchema, WebhookResultSchema } from '@ethixai/contracts';
import { initiatorOf } from '../../audit-log/initiator.ts';
import { httpError } from '../../errors.ts';
import { errors } from '../../http/error-responses.ts';
import { bearerMatches } from './bearer-token.ts';

/**
 * Incidents. The webhook is public to the user/API-key auth and checks its own bearer token
 * (Alertmanager's `authorization.credentials_file`); the token check runs before the body is
 * validated, so an unauthenticated caller learns nothing about the payload rules.
 */
const incidentsRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const tags = ['incidents'];
  const analyst = fastify.requireRole('analyst');
  const incidents = fastify.incidentsService;
  // A secret like the others: generated into DATA_DIR/secrets.json in development, required in production.
  const webhookToken = fastify.secrets.INCIDENTS_WEBHOOK_TOKEN;

  fastify.post('/alerts/webhook', {
    config: { public: true },
    onRequest: async (request) => {
      if (!bearerMatches(request.headers.authorization, webhookToken)) {
        throw httpError('BE_ERR_WEBHOOK_UNAUTHORIZED', 'Send "Authorization: Bearer <incidents webhook token>"');
      }
    },
    schema: { tags, summary: 'Alertmanager webhook (version 4): open, repeat and resolve incidents', body: AlertmanagerWebhookSchema, response: { 200: WebhookResultSchema, ...errors(400, 401, 413, 415, 429, 503) } },
  }, async (request) => incidents.ingest(request.body));

  fastify.get('/incidents', {
    schema: { tags, summary: 'List incidents (most recently seen first)', querystring: IncidentListQuerySchema, response: { 200: IncidentListSchema, ...errors(400, 401, 429) } },
  }, async (request) => incidents.list(request.principal.orgId, request.query));

  for (const action of ['acknowledge', 'resolve'] as const) {
    fastify.post(`/incidents/:id/${action}`, {
      preHandler: analyst,
      schema: { tags, summary: `${action === 'resolve' ? 'Resolve' : 'Acknowledge'} an incident by hand`, params: IdParamsSchema, response: { 200: IncidentSchema, ...errors(400, 401, 403, 404, 409, 429) } },
    }, async (request) => incidents.transition(action, request.params.id, initiatorOf(request.principal, request.id)));
  }
};

export default incidentsRoutes;

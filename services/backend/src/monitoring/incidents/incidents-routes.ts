import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AlertmanagerWebhookSchema, IdParamsSchema, IncidentListQuerySchema, IncidentListSchema, IncidentSchema, WebhookResultSchema } from '@ethixai/contracts';
import { httpError } from '../../errors.ts';
import { actorOf, appendAudit } from '../../audit-log/audit-log-repository.ts';
import { digestOf } from '../../audit-log/canonical-json.ts';
import type { MonitoringContext } from '../monitoring-context.ts';
import { errors } from '../../http/error-responses.ts';
import { bearerMatches } from './bearer-token.ts';
import { toIncident } from './incidents-repository.ts';

/**
 * Incidents. The webhook is public to the user/API-key auth and checks its own bearer token
 * (Alertmanager's `authorization.credentials_file`); the token check runs before the body is
 * validated, so an unauthenticated caller learns nothing about the payload rules.
 */
const incidentsRoutes: FastifyPluginAsyncTypebox<{ ctx: MonitoringContext }> = async (fastify, { ctx }) => {
  const tags = ['incidents'];
  const analyst = fastify.requireRole('analyst');
  const cfg = fastify.config;
  const webhookToken = fastify.secrets.INCIDENTS_WEBHOOK_TOKEN;

  async function incidentsOrg(): Promise<string> {
    if (cfg.INCIDENTS_ORG_ID) return cfg.INCIDENTS_ORG_ID;
    const oldest = await ctx.db.selectFrom('organisations').select('id').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
    if (!oldest) throw httpError('BE_ERR_WEBHOOK_DISABLED', 'No organisation exists to own incidents yet');
    return oldest.id;
  }

  fastify.post('/alerts/webhook', {
    config: { public: true },
    onRequest: async (request) => {
      // A secret like the others: generated into DATA_DIR/secrets.json in development, required in production.
      if (!bearerMatches(request.headers.authorization, webhookToken)) {
        throw httpError('BE_ERR_WEBHOOK_UNAUTHORIZED', 'Send "Authorization: Bearer <incidents webhook token>"');
      }
    },
    schema: { tags, summary: 'Alertmanager webhook (version 4): open, repeat and resolve incidents', body: AlertmanagerWebhookSchema, response: { 200: WebhookResultSchema, ...errors(400, 401, 413, 429, 503) } },
  }, async (request) => ctx.incidents.ingest(await incidentsOrg(), request.body));

  fastify.get('/incidents', { schema: { tags, summary: 'List incidents (most recently seen first)', querystring: IncidentListQuerySchema, response: { 200: IncidentListSchema, ...errors(400, 401, 429) } } },
    async (request) => {
      const { items, total } = await ctx.incidents.list(request.principal.orgId, request.query);
      return { items: items.map(toIncident), total };
    });

  for (const action of ['acknowledge', 'resolve'] as const) {
    fastify.post(`/incidents/:id/${action}`, { preHandler: analyst, schema: { tags, summary: `${action === 'resolve' ? 'Resolve' : 'Acknowledge'} an incident by hand`, params: IdParamsSchema, response: { 200: IncidentSchema, ...errors(400, 401, 403, 404, 409, 429) } } },
      async (request) => {
        const p = request.principal;
        const row = await ctx.incidents[action](p.orgId, request.params.id, `${p.kind}:${p.id}`, (trx, changed) =>
          appendAudit(trx, { orgId: p.orgId, actor: actorOf(p), action: `incident.${action}`, target: { type: 'incident', id: changed.id }, requestId: request.id, digest: digestOf({ status: changed.status }) }));
        return toIncident(row);
      });
  }
};

export default incidentsRoutes;

import type { Kysely } from 'kysely';
import type { AlertmanagerWebhook, Incident, IncidentList, IncidentListQuery, WebhookResult } from '@ethixai/contracts';
import { auditChange, type Initiator } from '../../audit-log/initiator.ts';
import type { Database } from '../../db/schema.ts';
import { httpError } from '../../errors.ts';
import { createIncidentsRepository, toIncident } from './incidents-repository.ts';

export type IncidentAction = 'acknowledge' | 'resolve';

/**
 * Incidents: opened, repeated and resolved by Alertmanager's webhook (one open incident per alert
 * fingerprint), acknowledged or resolved by hand (audited). Webhook incidents belong to
 * `incidentsOrgId`, or to the oldest organisation when it is null.
 */
export function createIncidentsService(db: Kysely<Database>, incidentsOrgId: string | null) {
  const incidents = createIncidentsRepository(db);

  async function incidentsOrg(): Promise<string> {
    if (incidentsOrgId) return incidentsOrgId;
    const oldest = await db.selectFrom('organisations').select('id').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
    if (!oldest) throw httpError('BE_ERR_WEBHOOK_DISABLED', 'No organisation exists to own incidents yet');
    return oldest.id;
  }

  return {
    async ingest(payload: AlertmanagerWebhook): Promise<WebhookResult> {
      return incidents.ingest(await incidentsOrg(), payload);
    },

    async list(orgId: string, query: IncidentListQuery): Promise<IncidentList> {
      const { items, total } = await incidents.list(orgId, query);
      return { items: items.map(toIncident), total };
    },

    async transition(action: IncidentAction, id: string, by: Initiator): Promise<Incident> {
      const row = await incidents[action](by.orgId, id, `${by.actor.kind}:${by.actor.id}`, (trx, changed) =>
        auditChange(trx, by, `incident.${action}`, { type: 'incident', id: changed.id }, { status: changed.status }));
      return toIncident(row);
    },
  };
}

export type IncidentsService = ReturnType<typeof createIncidentsService>;

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
 * `incidentsOrgId` (INCIDENTS_ORG_ID, checked at start); null: the webhook is off.
 */
export function createIncidentsService(db: Kysely<Database>, incidentsOrgId: string | null) {
  const incidents = createIncidentsRepository(db);

  function webhookOrg(): string {
    if (incidentsOrgId === null)
      throw httpError(
        'BE_ERR_WEBHOOK_DISABLED',
        'The incidents webhook is off: INCIDENTS_ORG_ID is not configured on this backend',
      );
    return incidentsOrgId;
  }

  return {
    /** Throws 503 BE_ERR_WEBHOOK_DISABLED when no target organisation is configured. */
    assertWebhookEnabled(): void {
      webhookOrg();
    },

    async ingest(payload: AlertmanagerWebhook): Promise<WebhookResult> {
      return incidents.ingest(webhookOrg(), payload);
    },

    async list(orgId: string, query: IncidentListQuery): Promise<IncidentList> {
      const { items, total } = await incidents.list(orgId, query);
      return { items: items.map(toIncident), total };
    },

    async transition(action: IncidentAction, id: string, by: Initiator): Promise<Incident> {
      const row = await incidents[action](by.orgId, id, `${by.actor.kind}:${by.actor.id}`, (trx, changed) =>
        auditChange(trx, by, `incident.${action}`, { type: 'incident', id: changed.id }, { status: changed.status }),
      );
      return toIncident(row);
    },
  };
}

export type IncidentsService = ReturnType<typeof createIncidentsService>;

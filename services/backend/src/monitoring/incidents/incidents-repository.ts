import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { AlertmanagerWebhook, Incident, IncidentListQuery, WebhookResult } from '@ethixai/contracts';
import type { Database } from '../../db/schema.ts';
import { iso } from '../../db/sql-helpers.ts';
import { httpError } from '../../errors.ts';
import type { IncidentsTable } from '../db-tables.ts';
import { incidentFieldsOf, type IncidentFields } from './alert-fields.ts';

export function toIncident(r: IncidentsTable): Incident {
  const t = (ms: number | null) => (ms === null ? null : iso(Number(ms)));
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    alertname: r.alertname,
    severity: r.severity,
    status: r.status,
    summary: r.summary,
    labels: JSON.parse(r.labels),
    annotations: JSON.parse(r.annotations),
    occurrences: Number(r.occurrences),
    startsAt: iso(Number(r.starts_at)),
    firstSeenAt: iso(Number(r.first_seen_at)),
    lastSeenAt: iso(Number(r.last_seen_at)),
    acknowledgedAt: t(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
    resolvedAt: t(r.resolved_at),
    resolvedBy: r.resolved_by,
  };
}

const openIncident = (trx: Kysely<Database>, orgId: string, fingerprint: string) =>
  trx
    .selectFrom('incidents')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('fingerprint', '=', fingerprint)
    .where('status', '<>', 'resolved')
    .executeTakeFirst();

async function fire(
  trx: Kysely<Database>,
  orgId: string,
  f: IncidentFields,
  now: number,
): Promise<'opened' | 'repeated'> {
  const seen = {
    labels: JSON.stringify(f.labels),
    annotations: JSON.stringify(f.annotations),
    summary: f.summary,
    severity: f.severity,
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    const open = await openIncident(trx, orgId, f.fingerprint);
    if (open) {
      await trx
        .updateTable('incidents')
        .set((eb) => ({ ...seen, occurrences: eb('occurrences', '+', 1), last_seen_at: now }))
        .where('id', '=', open.id)
        .execute();
      return 'repeated';
    }
    // DO NOTHING on the partial unique index: if a concurrent delivery opened it first, the next
    // pass finds it and counts a repeat (an error would abort a PostgreSQL transaction).
    const res = await trx
      .insertInto('incidents')
      .values({
        id: randomUUID(),
        org_id: orgId,
        fingerprint: f.fingerprint,
        alertname: f.alertname,
        status: 'open',
        occurrences: 1,
        starts_at: f.startsAt,
        first_seen_at: now,
        last_seen_at: now,
        acknowledged_at: null,
        acknowledged_by: null,
        resolved_at: null,
        resolved_by: null,
        ...seen,
      })
      .onConflict((oc) =>
        oc
          .columns(['org_id', 'fingerprint'])
          .where(sql<boolean>`status <> 'resolved'`)
          .doNothing(),
      )
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 1) return 'opened';
  }
  throw new Error(`incident for fingerprint ${f.fingerprint} could be neither opened nor found`);
}

type AfterChange = (trx: Kysely<Database>, row: IncidentsTable) => Promise<unknown>;
const noop: AfterChange = async () => {};

/** Incidents from Alertmanager (one open incident per fingerprint) and by hand; org-scoped. */
export function createIncidentsRepository(db: Kysely<Database>) {
  /** `afterChange` runs in the same transaction (the audit entry commits with the change). */
  async function transition(
    orgId: string,
    id: string,
    to: 'acknowledged' | 'resolved',
    by: string,
    afterChange: AfterChange,
    now: number,
  ): Promise<IncidentsTable> {
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('incidents')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw httpError('BE_ERR_INCIDENT_NOT_FOUND', `Incident ${id} not found`);
      if (row.status === 'resolved')
        throw httpError('BE_ERR_INCIDENT_RESOLVED', `Incident ${id} was resolved at ${iso(Number(row.resolved_at))}`);
      const set =
        to === 'acknowledged'
          ? { status: to, acknowledged_at: now, acknowledged_by: by }
          : { status: to, resolved_at: now, resolved_by: by };
      await trx.updateTable('incidents').set(set).where('id', '=', id).execute();
      const changed = { ...row, ...set };
      await afterChange(trx, changed);
      return changed;
    });
  }

  return {
    async ingest(orgId: string, payload: AlertmanagerWebhook, now = Date.now()): Promise<WebhookResult> {
      const fields = payload.alerts.map((a, i) => incidentFieldsOf(a, i));
      const bad = fields.find((f): f is { problem: string } => 'problem' in f);
      if (bad) throw httpError('BE_ERR_WEBHOOK_PAYLOAD', bad.problem);
      const result: WebhookResult = { opened: 0, repeated: 0, resolved: 0, ignored: 0 };
      await db.transaction().execute(async (trx) => {
        for (const [i, alert] of payload.alerts.entries()) {
          const f = fields[i] as IncidentFields;
          if (alert.status === 'firing') {
            result[await fire(trx, orgId, f, now)] += 1;
            continue;
          }
          const open = await openIncident(trx, orgId, f.fingerprint);
          if (!open) {
            result.ignored += 1;
            continue;
          }
          await trx
            .updateTable('incidents')
            .set({ status: 'resolved', resolved_at: f.endsAt ?? now, resolved_by: 'alertmanager', last_seen_at: now })
            .where('id', '=', open.id)
            .execute();
          result.resolved += 1;
        }
      });
      return result;
    },

    async list(orgId: string, q: IncidentListQuery): Promise<{ items: IncidentsTable[]; total: number }> {
      let query = db.selectFrom('incidents').where('org_id', '=', orgId);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.severity) query = query.where('severity', '=', q.severity);
      const items = await query
        .selectAll()
        .orderBy('last_seen_at', 'desc')
        .orderBy('id')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      const total = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return { items, total: Number(total.n) };
    },

    acknowledge: (orgId: string, id: string, by: string, afterChange: AfterChange = noop, now = Date.now()) =>
      transition(orgId, id, 'acknowledged', by, afterChange, now),
    resolve: (orgId: string, id: string, by: string, afterChange: AfterChange = noop, now = Date.now()) =>
      transition(orgId, id, 'resolved', by, afterChange, now),
  };
}

export type IncidentsRepository = ReturnType<typeof createIncidentsRepository>;

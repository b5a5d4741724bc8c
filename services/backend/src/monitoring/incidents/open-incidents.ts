import type { Kysely } from 'kysely';
import { INCIDENT_SEVERITIES, type IncidentSeverity } from '@ethixai/observability';
import type { Database } from '../../db/schema.ts';

/**
 * Alertmanager's severity label is free text; the metric's `severity` label is a fixed vocabulary.
 * DESIGN §7 uses `critical` (pages) and `warning` (Slack); anything unknown counts as low so a
 * typo in a rule can never add a series.
 */
const SEVERITY_ALIASES: Record<string, IncidentSeverity> = {
  critical: 'critical',
  page: 'critical',
  high: 'high',
  error: 'high',
  warning: 'medium',
  warn: 'medium',
  medium: 'medium',
  low: 'low',
  info: 'low',
};

export function metricSeverity(severity: string): IncidentSeverity {
  return SEVERITY_ALIASES[severity.toLowerCase()] ?? 'low';
}

/**
 * Open (or acknowledged, i.e. not resolved) incidents of every organisation by metric severity,
 * every severity present (zeros included). One grouped count over the few unresolved rows.
 */
export async function countOpenIncidents(db: Kysely<Database>): Promise<Record<IncidentSeverity, number>> {
  const rows = await db
    .selectFrom('incidents')
    .select(['severity', (eb) => eb.fn.countAll().as('n')])
    .where('status', '<>', 'resolved')
    .groupBy('severity')
    .execute();
  const counts = Object.fromEntries(INCIDENT_SEVERITIES.map((s) => [s, 0])) as Record<IncidentSeverity, number>;
  for (const r of rows) counts[metricSeverity(r.severity)] += Number(r.n);
  return counts;
}

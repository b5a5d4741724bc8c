import type { AlertmanagerAlert } from '@ethixai/contracts';

/** Alertmanager's zero time (Go's time.Time{}) means "no end known yet". */
const GO_ZERO_TIME = /^0001-01-01T00:00:00(\.0+)?Z$/;
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses Alertmanager's RFC 3339 times (nanosecond fractions included) to epoch ms; null if unset. */
export function parseAlertTime(text: string | undefined): number | null | 'invalid' {
  if (text === undefined || text === '' || GO_ZERO_TIME.test(text)) return null;
  const m = RFC3339.exec(text);
  if (!m) return 'invalid';
  const millis = m[2] ? m[2].slice(0, 4).padEnd(4, '0') : '';
  const ms = Date.parse(`${m[1]}${millis}${m[3]}`);
  return Number.isNaN(ms) ? 'invalid' : ms;
}

export interface IncidentFields {
  fingerprint: string;
  alertname: string;
  severity: string;
  summary: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  endsAt: number | null;
}

/** What an incident keeps of one alert; the problem string names the field for a 400. */
export function incidentFieldsOf(alert: AlertmanagerAlert, index: number): IncidentFields | { problem: string } {
  const startsAt = parseAlertTime(alert.startsAt);
  if (startsAt === 'invalid' || startsAt === null)
    return { problem: `alerts[${index}].startsAt is not an RFC 3339 time` };
  const endsAt = parseAlertTime(alert.endsAt);
  if (endsAt === 'invalid') return { problem: `alerts[${index}].endsAt is not an RFC 3339 time` };
  const annotations = alert.annotations ?? {};
  const alertname = alert.labels.alertname ?? 'unnamed';
  return {
    fingerprint: alert.fingerprint,
    alertname,
    severity: alert.labels.severity ?? 'none',
    summary: annotations.summary ?? annotations.description ?? alertname,
    labels: alert.labels,
    annotations,
    startsAt,
    endsAt,
  };
}

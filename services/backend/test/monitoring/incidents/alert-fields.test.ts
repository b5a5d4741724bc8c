import { describe, expect, it } from 'vitest';
import { incidentFieldsOf, parseAlertTime } from '../../../src/monitoring/incidents/alert-fields.ts';

describe('Alertmanager times', () => {
  it('parses nanosecond fractions and offsets, treats the Go zero time as unset', () => {
    expect(parseAlertTime('2026-11-26T18:00:00.123456789Z')).toBe(Date.UTC(2026, 10, 26, 18, 0, 0, 123));
    expect(parseAlertTime('2026-11-26T19:00:00+01:00')).toBe(Date.UTC(2026, 10, 26, 18));
    expect(parseAlertTime('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseAlertTime('yesterday')).toBe('invalid');
  });
  it('derives incident fields and names a bad field', () => {
    const alert = {
      status: 'firing' as const,
      labels: { alertname: 'HighLatency', severity: 'critical' },
      annotations: { description: 'p95 high' },
      startsAt: '2026-11-26T18:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      fingerprint: 'abc',
    };
    expect(incidentFieldsOf(alert, 0)).toMatchObject({
      alertname: 'HighLatency',
      severity: 'critical',
      summary: 'p95 high',
      endsAt: null,
    });
    expect(incidentFieldsOf({ ...alert, startsAt: 'x' }, 3)).toEqual({
      problem: 'alerts[3].startsAt is not an RFC 3339 time',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { readCookie } from '../../src/logic/cookies.ts';
import { bytes, pct, pValue, ratio, signed } from '../../src/logic/format.ts';
import { historyLines, historyRange } from '../../src/logic/history-view.ts';
import { safeHttpUrl } from '../../src/logic/links.ts';
import { navFor, roleAtLeast } from '../../src/logic/nav.ts';

describe('navigation by role', () => {
  it('offers upload and analysis to analysts, administration to admins only', () => {
    expect(navFor('viewer').map((i) => i.label)).toEqual(['Reports', 'Datasets', 'Models', 'Incidents']);
    expect(navFor('analyst').map((i) => i.label)).toEqual([
      'Reports',
      'Datasets',
      'New analysis',
      'Models',
      'Incidents',
    ]);
    expect(navFor('admin').map((i) => i.label)).toContain('Admin');
    expect([roleAtLeast('viewer', 'analyst'), roleAtLeast('admin', 'analyst')]).toEqual([false, true]);
  });
});

describe('small helpers', () => {
  it('reads one cookie from document.cookie', () => {
    expect(readCookie('a=1; __Host-ethixai-csrf=abc%3D; b=2', '__Host-ethixai-csrf')).toBe('abc=');
    expect(readCookie('a=1', 'b')).toBeUndefined();
    expect(readCookie('', 'b')).toBeUndefined();
  });

  it('formats rates, ratios, gaps, p-values and sizes', () => {
    expect([
      pct(0.2416),
      pct(null),
      ratio(0.5491),
      signed(-0.1234),
      signed(0.05),
      pValue(0.0004),
      pValue(0.4821),
    ]).toEqual(['24.2%', '—', '0.549', '−12.3 pts', '+5.0 pts', 'p<0.001', 'p=0.482']);
    expect([bytes(512), bytes(2048), bytes(3 * 1024 * 1024)]).toEqual(['512 B', '2.0 KB', '3.0 MB']);
  });

  it('lets only http(s) runbook links through', () => {
    expect(safeHttpUrl('https://example.test/runbooks/InstanceDown.md')).toBe(
      'https://example.test/runbooks/InstanceDown.md',
    );
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
    expect(safeHttpUrl(undefined)).toBeNull();
  });

  it('draws one line per policy metric and counts the windows that breach it', () => {
    const range = historyRange(Date.parse('2026-01-08T00:00:00Z'), 7);
    expect(range).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-08T00:00:00.000Z' });
    const point = (at: string, di: number | null, dp: number | null) => ({
      at,
      decisions: 10,
      decisionsWithOutcome: 0,
      verdict: 'pass' as const,
      metrics: [
        { metric: 'disparate_impact' as const, value: di, status: 'pass' as const },
        { metric: 'demographic_parity_difference' as const, value: dp, status: 'pass' as const },
      ],
    });
    const { labels, lines } = historyLines({
      modelId: 'm',
      modelVersion: 'v1',
      policyVersion: 1,
      bucketSeconds: 3600,
      spanSeconds: 7200,
      thresholds: [
        { metric: 'disparate_impact', threshold: 0.8, breach: 'below' },
        { metric: 'demographic_parity_difference', threshold: 0.1, breach: 'above' },
      ],
      points: [
        point('2026-01-01T01:00:00.000Z', 0.9, 0.05),
        point('2026-01-01T02:00:00.000Z', 0.7, 0.2),
        point('2026-01-01T03:00:00.000Z', null, null),
      ],
    });
    expect(labels).toEqual(['01-01 01:00', '01-01 02:00', '01-01 03:00']);
    expect(lines.map((l) => [l.metric, l.values, l.breaches])).toEqual([
      ['disparate_impact', [0.9, 0.7, null], 1],
      ['demographic_parity_difference', [0.05, 0.2, null], 1],
    ]);
  });
});

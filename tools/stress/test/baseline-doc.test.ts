import { describe, expect, it } from 'vitest';
import { expectCommitted } from '../../repo/test/committed-file.ts';
import { readBaseline, type BaselineRun } from '../src/baseline.ts';
import { baselineArtefacts, renderPerformanceDoc } from '../src/baseline-doc.ts';
import { badgeSvg, baselineBadges } from '../src/badges.ts';

const run = (over: Partial<BaselineRun> = {}): BaselineRun => ({
  scenario: 'realistic-50',
  description: 'd',
  startedAt: '2026-12-06T22:00:00.000Z',
  commit: 'abc',
  node: 'v24',
  cpus: '2 × cpu',
  loadAverage: [1, 2, 3],
  target: 't',
  requests: 100,
  unexpected: 0,
  cpuUsPerRequest: 900,
  peakRssMb: { backend: 200 },
  endpoints: {
    evaluate: { count: 50, throughput: 25, p50: 3, p95: 42.5, p99: 80, unexpected: 0 },
    'analyses.inline': { count: 8, throughput: 4, p50: 20, p95: 300, p99: 612, unexpected: 0 },
  },
  slo: { met: 9, checked: 10, violated: ['analysis-latency: analyses.inline p99Ms 612 ms > 500 ms'] },
  ...over,
});

describe('the recorded stress baseline', () => {
  it('README badges and the docs section are what the recorded baseline renders', () => {
    const files = baselineArtefacts();
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(5);
    for (const [file, text] of Object.entries(files)) expectCommitted(file, text);
    expect(readBaseline().map((r) => r.scenario)).toContain('realistic-50');
  });

  it('badges show the baseline figures, red where an SLO is broken', () => {
    const badges = baselineBadges([run()], 'realistic-50');
    expect(badges['stress-evaluate-p95.svg']).toContain('42.5 ms');
    expect(badges['stress-evaluate-p95.svg']).toContain('#4c1');
    expect(badges['stress-analyses-p99.svg']).toContain('612 ms');
    expect(badges['stress-analyses-p99.svg']).toContain('#e05d44');
    expect(badges['stress-slo.svg']).toMatch(/SLOs at 29 req\/s.*9\/10 met/s);
    expect(badgeSvg('a & b', '<1>', '#4c1')).toContain('a &amp; b: &lt;1&gt;');
    expect(() => baselineBadges([run()], 'spike')).toThrow(/no spike run/);
  });

  it('replaces only the generated section of docs/performance.md', () => {
    const start =
      '<!-- stress-baseline:start (generated from docs/performance/stress-baseline.json by npm run generate; do not edit by hand) -->';
    const doc = `# P\n\nprose\n\n${start}\nold\n<!-- stress-baseline:end -->\n\nafter\n`;
    const out = renderPerformanceDoc(doc, [run()]);
    expect(out.startsWith('# P\n\nprose\n\n')).toBe(true);
    expect(out.endsWith('<!-- stress-baseline:end -->\n\nafter\n')).toBe(true);
    expect(out).not.toContain('\nold\n');
    expect(out).toContain('| evaluate | 50 | 25.0 | 3.00 | 42.50 | 80.00 | 0 |');
    expect(out).toContain('violated: analysis-latency: analyses.inline p99Ms 612 ms > 500 ms');
  });
});

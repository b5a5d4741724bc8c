import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { burnPairs } from '../src/burn-rate.ts';
import { durationSeconds, formatDuration, timeScale } from '../src/durations.ts';
import { ruleFiles } from '../src/rule-files.ts';
import type { AlertingRule } from '../src/rule-model.ts';
import { RUNBOOK_BASE, SEVERITIES, SLOS, TEAMS } from '../src/spec.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const alerts = Object.values(ruleFiles())
  .flatMap((f) => f.groups.flatMap((g) => g.rules))
  .filter((r): r is AlertingRule => 'alert' in r);

describe('the SLO specification', () => {
  it('computes the SRE workbook factors for a 30-day period and 99.9 %', () => {
    const availability = SLOS.find((s) => s.slo === 'availability')!;
    const pairs = burnPairs(availability);
    expect(pairs.map((p) => [p.severity, p.long, p.short, p.factor, p.threshold])).toEqual([
      ['critical', '1h', '5m', 14.4, 0.0144],
      ['critical', '6h', '30m', 6, 0.006],
      ['warning', '1d', '2h', 3, 0.003],
      ['warning', '3d', '6h', 1, 0.001],
    ]);
    // one bad event among the guard's minimum stays under the threshold, one fewer event would not
    for (const p of pairs) {
      expect(1 / p.minEvents).toBeLessThanOrEqual(p.threshold);
      expect(1 / (p.minEvents - 1)).toBeGreaterThan(p.threshold);
    }
  });

  it('reads and writes Prometheus durations, and compresses them for the test variant', () => {
    expect(durationSeconds('1h30m')).toBe(5400);
    expect(formatDuration(5400)).toBe('1h30m');
    expect(() => durationSeconds('5 minutes')).toThrow(/not a Prometheus duration/);
    const fast = timeScale(1 / 60);
    expect([fast.d('5m'), fast.d('1h'), fast.d('3d'), fast.d('15s')]).toEqual(['5s', '1m', '1h12m', '1s']);
    expect(timeScale(1).d('30m')).toBe('30m');
  });

  it('every alert has a severity, a team, the four annotations and an existing runbook', () => {
    expect(alerts.length).toBeGreaterThan(10);
    for (const a of alerts) {
      expect(SEVERITIES).toContain(a.labels.severity);
      expect(TEAMS).toContain(a.labels.team);
      for (const key of ['summary', 'description', 'value', 'runbook_url'])
        expect(a.annotations[key], `${a.alert}.${key}`).toBeTruthy();
      expect(a.annotations.runbook_url).toBe(`${RUNBOOK_BASE}${a.alert}.md`);
      expect(
        fs.existsSync(path.join(REPO_ROOT, a.annotations.runbook_url!)),
        `${a.annotations.runbook_url} is missing`,
      ).toBe(true);
    }
  });

  it('the test variant has the same rules with compressed windows and for: durations', () => {
    const fast = Object.values(ruleFiles(timeScale(1 / 60))).flatMap((f) => f.groups.flatMap((g) => g.rules));
    const slow = Object.values(ruleFiles()).flatMap((f) => f.groups.flatMap((g) => g.rules));
    expect(fast.map((r) => ('alert' in r ? r.alert : r.record))).toEqual(
      slow.map((r) => ('alert' in r ? r.alert : r.record)),
    );
    const down = fast.find((r): r is AlertingRule => 'alert' in r && r.alert === 'ServiceDown')!;
    expect(down.for).toBe('1s');
    expect(fast.find((r) => 'record' in r && r.record === 'slo:sli_error:ratio_rate1h')!.expr).toContain('[1m]');
  });
});

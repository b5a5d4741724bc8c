import fs from 'node:fs';
import path from 'node:path';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import * as names from '@ethixai/observability/names';
import { PROMETHEUS_DIR, RULES_DIR } from '../src/artefacts.ts';
import { PROM_CLIENT_DEFAULTS, PROMETHEUS_UP, SELF_MONITORING } from '../src/external-metrics.ts';
import type { RuleFile } from '../src/rule-model.ts';

/** Metric names in a PromQL expression: identifiers that are not functions, keywords or labels. */
export function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const KEYWORDS = new Set([
    'and',
    'or',
    'unless',
    'bool',
    'offset',
    'by',
    'without',
    'on',
    'ignoring',
    'group_left',
    'group_right',
    'inf',
    'nan',
  ]);
  const found = new Set<string>();
  for (const m of stripped.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)\s*(\()?/g)) {
    if (m[2] !== undefined || KEYWORDS.has(m[1]!.toLowerCase())) continue;
    found.add(m[1]!);
  }
  return [...found];
}

const ruleFiles = fs
  .readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => parse(fs.readFileSync(path.join(RULES_DIR, f), 'utf8')) as RuleFile);
const rules = ruleFiles.flatMap((f) => f.groups.flatMap((g) => g.rules));
const recorded = new Set(rules.flatMap((r) => ('record' in r ? [r.record] : [])));

const ours = Object.entries(names)
  .filter(([k]) => k.startsWith('METRIC_'))
  .map(([, v]) => v as string);
const HISTOGRAM_SERIES = ['_bucket', '_count', '_sum'];
function isEthixaiName(name: string): boolean {
  return (
    ours.includes(name) ||
    HISTOGRAM_SERIES.some((suffix) => name.endsWith(suffix) && ours.includes(name.slice(0, -suffix.length)))
  );
}

async function promClientDefaults(): Promise<string[]> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return (await registry.getMetricsAsJSON()).map((m) => m.name);
}

describe('metric names in ops/prometheus', () => {
  it('the expression parser finds metric names and nothing else', () => {
    expect(metricNamesIn('max by (job) (up{job="a"}) == 0 or absent(up{job="a"})')).toEqual(['up']);
    expect(metricNamesIn('sum(rate(http_requests_total{status=~"5.."}[5m])) or vector(0)')).toEqual([
      'http_requests_total',
    ]);
    expect(metricNamesIn('a:b:c{x="y"} > 0.1 and on (model, metric) other_metric')).toEqual(['a:b:c', 'other_metric']);
  });

  it('every metric a rule reads is named in names.ts, a prom-client default, a Prometheus series or a record', async () => {
    const defaults = await promClientDefaults();
    for (const name of PROM_CLIENT_DEFAULTS)
      expect(defaults, `${name} is not a prom-client default metric`).toContain(name);
    const allowed = (n: string) =>
      isEthixaiName(n) ||
      PROM_CLIENT_DEFAULTS.includes(n) ||
      n === PROMETHEUS_UP ||
      SELF_MONITORING.includes(n) ||
      recorded.has(n);
    const unknown = rules.flatMap((r) =>
      metricNamesIn(r.expr)
        .filter((n) => !allowed(n))
        .map((n) => `${'alert' in r ? r.alert : r.record}: ${n}`),
    );
    expect(unknown).toEqual([]);
  });

  it('every series in the promtool tests is a name the rules may read, spelled as in names.ts', () => {
    const testsDir = path.join(PROMETHEUS_DIR, 'tests');
    const unknown: string[] = [];
    for (const file of fs.readdirSync(testsDir).filter((f) => f.endsWith('.test.yml'))) {
      const suite = parse(fs.readFileSync(path.join(testsDir, file), 'utf8')) as {
        tests: { input_series: { series: string }[] }[];
      };
      for (const test of suite.tests) {
        for (const { series } of test.input_series) {
          const name = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(series)?.[0] ?? series;
          if (!(
            isEthixaiName(name) ||
            PROM_CLIENT_DEFAULTS.includes(name) ||
            name === PROMETHEUS_UP ||
            SELF_MONITORING.includes(name)
          ))
            unknown.push(`${file}: ${name}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it('the latency SLO thresholds are bucket boundaries of their histograms', () => {
    expect(names.HTTP_DURATION_BUCKETS).toContain(0.1);
    expect(names.ANALYSIS_NORMALIZED_DURATION_BUCKETS).toContain(0.5);
  });
});

/**
 * The dashboard lint (issue 21): sane JSON models, unique titles, units, a 24-column grid without
 * overlaps, data sources that provisioning defines, every PromQL target accepted by
 * `promtool check rules`, every LogQL target parsed by @grafana/lezer-logql (not executed: no
 * Loki here), and panel thresholds equal to the numbers in the generated alert rules.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parser as logqlParser } from '@grafana/lezer-logql';
import { renderYaml, ruleFiles } from '@ethixai/slo';
import { requireTool, runTool } from '@ethixai/slo/testing';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { DASHBOARDS_DIR, GRAFANA_DIR } from '../src/artefacts.ts';
import { DATA_SOURCES, GRID_COLUMNS, LOKI, PANEL_THRESHOLDS, PROMETHEUS } from '../src/index.ts';
import { hasPromqlSyntaxError, substituteVariables } from '../src/promql.ts';

interface Target {
  expr: string;
  refId: string;
  datasource: { uid: string; type: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  description?: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource: { uid: string };
  targets: Target[];
  fieldConfig: { defaults: { unit?: string; thresholds?: { steps: { value: number | null; color: string }[] } } };
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  tags: string[];
  panels: Panel[];
  templating: { list: { name: string }[] };
}

const files = fs
  .readdirSync(DASHBOARDS_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const models: [string, Dashboard][] = files.map((f) => [
  f,
  JSON.parse(fs.readFileSync(path.join(DASHBOARDS_DIR, f), 'utf8')) as Dashboard,
]);
const targets = models.flatMap(([file, d]) =>
  d.panels.flatMap((p) => p.targets.map((t) => ({ file, dashboard: d, panel: p, target: t }))),
);
const where = (t: { dashboard: Dashboard; panel: Panel; target: Target }) =>
  `${t.dashboard.uid} / ${t.panel.title} / ${t.target.refId}`;
const PANEL_TYPES = new Set(['timeseries', 'stat', 'logs']);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-dashboards-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('dashboard JSON models', () => {
  it('are seven, each sane: uid = file name, schema version, tag, variables, panels with unique ids and refIds', () => {
    expect(files).toHaveLength(7);
    for (const [file, d] of models) {
      expect(`${d.uid}.json`).toBe(file);
      expect(d.schemaVersion).toBeGreaterThanOrEqual(39);
      expect(d.tags).toContain('ethixai');
      expect(d.templating.list.map((v) => v.name)).toEqual(['service', 'instance', 'model']);
      expect(new Set(d.panels.map((p) => p.id)).size, d.uid).toBe(d.panels.length);
      for (const p of d.panels) {
        expect(PANEL_TYPES.has(p.type), `${d.uid}: ${p.type}`).toBe(true);
        expect(p.targets.length, p.title).toBeGreaterThan(0);
        expect(new Set(p.targets.map((t) => t.refId)).size).toBe(p.targets.length);
        expect(p.description ?? '', p.title).toMatch(/\?/);
      }
    }
  });

  it('have unique dashboard titles and uids, and unique panel titles within each', () => {
    expect(new Set(models.map(([, d]) => d.title)).size).toBe(models.length);
    expect(new Set(models.map(([, d]) => d.uid)).size).toBe(models.length);
    for (const [, d] of models) expect(new Set(d.panels.map((p) => p.title)).size, d.uid).toBe(d.panels.length);
  });

  it('set a known Grafana unit on every panel that draws numbers', () => {
    // Grafana's unit ids these dashboards use (a typo would silently render as a plain number), or a custom `suffix:`.
    const KNOWN_UNITS = new Set(['s', 'bytes', 'percentunit', 'reqps', 'ops', 'short', 'none']);
    const wrong = models.flatMap(([, d]) =>
      d.panels
        .filter((p) => p.type !== 'logs')
        .filter(
          (p) =>
            !KNOWN_UNITS.has(p.fieldConfig.defaults.unit ?? '') &&
            !/^suffix:.+/.test(p.fieldConfig.defaults.unit ?? ''),
        )
        .map((p) => `${d.uid} / ${p.title}: ${p.fieldConfig.defaults.unit ?? 'no unit'}`),
    );
    expect(wrong).toEqual([]);
  });

  it('fit the 24-column grid with no two panels overlapping', () => {
    for (const [, d] of models) {
      for (const p of d.panels) {
        const { x, y, w, h } = p.gridPos;
        expect(
          x >= 0 && y >= 0 && w >= 1 && h >= 1 && x + w <= GRID_COLUMNS,
          `${d.uid} / ${p.title}: ${JSON.stringify(p.gridPos)}`,
        ).toBe(true);
      }
      const overlaps = d.panels.flatMap((a, i) =>
        d.panels
          .slice(i + 1)
          .filter(
            (b) =>
              a.gridPos.x < b.gridPos.x + b.gridPos.w &&
              b.gridPos.x < a.gridPos.x + a.gridPos.w &&
              a.gridPos.y < b.gridPos.y + b.gridPos.h &&
              b.gridPos.y < a.gridPos.y + a.gridPos.h,
          )
          .map((b) => `${a.title} × ${b.title}`),
      );
      expect(overlaps, d.uid).toEqual([]);
    }
  });

  it('query only the provisioned data sources, with the uids provisioning gives them', () => {
    const provisioned = parseYaml(
      fs.readFileSync(path.join(GRAFANA_DIR, 'provisioning/datasources/datasources.yml'), 'utf8'),
    ) as { datasources: { uid: string; type: string }[] };
    expect(provisioned.datasources.map((d) => `${d.type}:${d.uid}`).sort()).toEqual(
      DATA_SOURCES.map((d) => `${d.type}:${d.uid}`).sort(),
    );
    for (const t of targets) expect([PROMETHEUS.uid, LOKI.uid], where(t)).toContain(t.target.datasource.uid);
  });
});

describe('queries', () => {
  const promql = targets.filter((t) => t.target.datasource.uid === PROMETHEUS.uid);
  const logql = targets.filter((t) => t.target.datasource.uid === LOKI.uid);

  it('every PromQL target, variables substituted, passes promtool check rules', async () => {
    const promtool = requireTool('promtool', 'Debian package prometheus');
    const rules = promql.map((t, i) => ({
      record: `dashboard:check_${i}`,
      expr: substituteVariables(t.target.expr),
      labels: { panel: where(t) },
    }));
    for (const r of rules) expect(hasPromqlSyntaxError(r.expr), r.labels.panel).toBe(false);
    const file = path.join(scratch, 'dashboard-queries.yml');
    fs.writeFileSync(file, renderYaml({ groups: [{ name: 'dashboards', rules }] }));
    const result = await runTool(promtool, ['check', 'rules', file]);
    expect(result.output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(result.code, result.output).toBe(0);
    process.stdout.write(`\ndashboard lint: ${rules.length} PromQL targets checked by promtool\n`);
  });

  it('promtool rejects a broken query (the check can fail)', async () => {
    const file = path.join(scratch, 'broken.yml');
    fs.writeFileSync(
      file,
      renderYaml({
        groups: [
          {
            name: 'x',
            rules: [
              {
                record: 'x:y',
                expr: substituteVariables('sum by (service) (rate(http_requests_total[$__rate_interval])'),
              },
            ],
          },
        ],
      }),
    );
    expect(
      (await runTool(requireTool('promtool', 'Debian package prometheus'), ['check', 'rules', file])).code,
    ).not.toBe(0);
  });

  it('every LogQL target parses with @grafana/lezer-logql; listed as not executed', () => {
    const errors: string[] = [];
    for (const t of logql) {
      let bad = false;
      logqlParser.parse(substituteVariables(t.target.expr)).iterate({
        enter: (n) => {
          if (n.type.isError) bad = true;
        },
      });
      if (bad) errors.push(where(t));
    }
    expect(errors).toEqual([]);
    let broken = false;
    logqlParser.parse('sum(count_over_time({service="x"} | json [5m])').iterate({
      enter: (n) => {
        if (n.type.isError) broken = true;
      },
    });
    expect(broken).toBe(true);
    expect(logql.length).toBeGreaterThan(0);
    process.stdout.write(
      `\nLogQL targets parsed, NOT executed (no Loki on this machine):\n${logql.map((t) => `  ${where(t)}`).join('\n')}\n`,
    );
  });
});

describe('thresholds equal the generated alert rules', () => {
  const alerts = JSON.stringify(ruleFiles());
  const panel = (uid: string, title: string) =>
    models.find(([, d]) => d.uid === uid)![1].panels.find((p) => p.title.startsWith(title))!;
  const steps = (p: Panel) =>
    p.fieldConfig.defaults.thresholds!.steps.filter((s) => s.value !== null).map((s) => s.value);

  it("error ratio, API latency, backlog age and heap budget are the rules' numbers", () => {
    expect(steps(panel('ethixai-overview', '5xx share'))).toEqual([PANEL_THRESHOLDS.errorRatio]);
    expect(alerts).toContain(`> ${PANEL_THRESHOLDS.errorRatio}`);
    expect(steps(panel('ethixai-overview', 'API latency p95'))).toEqual([PANEL_THRESHOLDS.apiLatencySeconds]);
    expect(alerts).toContain(`le=\\"${PANEL_THRESHOLDS.apiLatencySeconds}\\"`);
    expect(steps(panel('ethixai-business', 'Oldest queued analysis job'))).toEqual([
      PANEL_THRESHOLDS.backlogOldestAgeSeconds,
    ]);
    expect(alerts).toContain(`> ${PANEL_THRESHOLDS.backlogOldestAgeSeconds}`);
    expect(steps(panel('ethixai-system', 'V8 heap used'))).toEqual([PANEL_THRESHOLDS.heapBudgetBytes]);
    expect(alerts).toContain(`> ${PANEL_THRESHOLDS.heapBudgetBytes}`);
  });

  it('each burn-rate panel fires where its ErrorBudgetBurn pair does', () => {
    for (const { pair, factor } of PANEL_THRESHOLDS.burnWindows) {
      expect(steps(panel('ethixai-overview', `Burn rate over ${pair.long} `))).toEqual([factor]);
      const ratio = Number((factor * PANEL_THRESHOLDS.availabilityBudget).toPrecision(12));
      expect(alerts).toContain(
        `ratio_rate${pair.long}{service=\\"ethixai-backend\\",slo=\\"availability\\"} > ${ratio}`,
      );
    }
  });
});

/** docs/observability/DASHBOARDS.md, rendered from the panels' own descriptions. */
import type { DashboardSpec, PanelSpec } from './panel-spec.ts';

const thresholdText = (p: PanelSpec): string =>
  p.thresholds === undefined || p.thresholds.length === 0
    ? ''
    : p.thresholds.map((t) => `${t.color} from ${t.value}`).join(', ');

export function renderDashboardsDoc(specs: readonly DashboardSpec[]): string {
  const lines = [
    '# Dashboards',
    '',
    "<!-- Generated from ops/grafana/src by `npm run generate`; edit the panels' descriptions there. -->",
    '',
    'Every dashboard is TypeScript in `ops/grafana/src/dashboards/` built with',
    '`@grafana/grafana-foundation-sdk`; the JSON Grafana loads is generated into `ops/grafana/dashboards/`',
    'and committed. Thresholds are read from the SLO specification that generates the alert rules',
    '(`ops/slo/src/spec.ts`), so a panel turns red where an alert fires. Each dashboard has the template',
    'variables `service`, `instance` and `model` (multi-value, "All" by default) and a menu linking the',
    'others. Setting it up: [SETUP.md](SETUP.md).',
    '',
    'Links between signals:',
    '',
    "- metric → trace: latency panels ask for exemplars; a point's `trace_id` opens the trace in Jaeger",
    '  (Prometheus data source `exemplarTraceIdDestinations`).',
    "- log → trace: the Loki data source turns each line's `trace_id` into a link to Jaeger (derived field).",
    '- trace → logs: Jaeger\'s "Logs for this span" queries Loki for the trace id (`tracesToLogsV2`).',
    '- alert → dashboard: every runbook in `docs/runbooks/` names the dashboard to open first.',
    '',
  ];
  for (const spec of specs) {
    lines.push(
      `## ${spec.title}`,
      '',
      `\`${spec.uid}\` (\`ops/grafana/dashboards/${spec.uid}.json\`): ${spec.description}`,
      '',
    );
    lines.push('| panel | unit | question it answers | thresholds |', '|---|---|---|---|');
    for (const p of spec.panels)
      lines.push(
        `| ${p.title} | ${p.unit ?? 'log lines'} | ${p.description.replaceAll('|', '\\|')} | ${thresholdText(p)} |`,
      );
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

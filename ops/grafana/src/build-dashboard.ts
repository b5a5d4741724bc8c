/**
 * DashboardSpec → Grafana dashboard JSON through @grafana/grafana-foundation-sdk's builders.
 * Panels flow left to right on Grafana's 24-column grid, wrapping when a row is full.
 */
import {
  BigValueGraphMode,
  BigValueTextMode,
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  VizLegendOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import {
  DashboardBuilder,
  DashboardLinkBuilder,
  DashboardLinkType,
  QueryVariableBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  VariableRefresh,
  VariableSort,
  type Dashboard,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as LogsPanel } from '@grafana/grafana-foundation-sdk/logs';
import { DataqueryBuilder as LokiQuery } from '@grafana/grafana-foundation-sdk/loki';
import { DataqueryBuilder as PrometheusQuery } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { LOKI, PROMETHEUS } from './datasources.ts';
import type { DashboardSpec, PanelKind, PanelSpec, QuerySpec } from './panel-spec.ts';

export const GRID_COLUMNS = 24;
export const DASHBOARD_TAG = 'ethixai';
const DEFAULT_SIZE: Record<PanelKind, { width: number; height: number }> = {
  stat: { width: 6, height: 4 },
  timeseries: { width: 12, height: 8 },
  logs: { width: 24, height: 10 },
};

/** Template variables of every dashboard: service, instance and model, from the services' own series. */
function variables(): QueryVariableBuilder[] {
  const variable = (name: string, label: string, query: string) =>
    new QueryVariableBuilder(name)
      .label(label)
      .datasource(PROMETHEUS)
      .query(query)
      .definition(query)
      .refresh(VariableRefresh.OnTimeRangeChanged)
      .sort(VariableSort.AlphabeticalAsc)
      .multi(true)
      .includeAll(true)
      .allValue('.*');
  return [
    variable('service', 'Service', 'label_values(http_requests_total, service)'),
    variable('instance', 'Instance', 'label_values(http_requests_total{service=~"$service"}, instance)'),
    variable('model', 'Model', 'label_values(ethixai_evaluations_total, model)'),
  ];
}

function target(query: QuerySpec, refId: string): PrometheusQuery | LokiQuery {
  if (query.datasource.uid === LOKI.uid) {
    return new LokiQuery()
      .datasource(LOKI)
      .expr(query.expr)
      .legendFormat(query.legend ?? '')
      .refId(refId);
  }
  const built = new PrometheusQuery()
    .datasource(PROMETHEUS)
    .expr(query.expr)
    .legendFormat(query.legend ?? '__auto')
    .refId(refId);
  return query.exemplar === true ? built.exemplar(true) : built;
}

function thresholds(spec: PanelSpec): ThresholdsConfigBuilder {
  const steps = [
    { value: null as unknown as number, color: spec.baseColor ?? 'green' },
    ...(spec.thresholds ?? []).map((s) => ({ value: s.value, color: s.color })),
  ];
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(steps);
}

function panel(spec: PanelSpec, id: number, gridPos: { x: number; y: number; w: number; h: number }) {
  const targets = spec.queries.map((q, i) => target(q, String.fromCharCode(65 + i)));
  const common = <P extends TimeseriesPanel | StatPanel | LogsPanel>(p: P): P => {
    p.id(id).title(spec.title).description(spec.description).gridPos(gridPos).datasource(spec.queries[0]!.datasource);
    for (const t of targets) p.withTarget(t);
    if (spec.unit !== undefined) p.unit(spec.unit);
    if (spec.min !== undefined) p.min(spec.min);
    if (spec.max !== undefined) p.max(spec.max);
    p.thresholds(thresholds(spec));
    return p;
  };
  switch (spec.kind) {
    case 'timeseries': {
      const p = common(new TimeseriesPanel())
        .fillOpacity(10)
        .legend(
          new VizLegendOptionsBuilder()
            .displayMode(LegendDisplayMode.List)
            .placement(LegendPlacement.Bottom)
            .showLegend(true)
            .calcs([]),
        );
      return spec.thresholds === undefined
        ? p
        : p.thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed));
    }
    case 'stat': {
      const p = common(new StatPanel())
        .graphMode(BigValueGraphMode.Area)
        .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']));
      return spec.showName === true ? p.textMode(BigValueTextMode.Name).graphMode(BigValueGraphMode.None) : p;
    }
    case 'logs':
      return common(new LogsPanel()).showTime(true).wrapLogMessage(true).enableLogDetails(true);
  }
}

/** The dashboard's JSON model, panels placed on the grid in the order written. */
export function buildDashboard(spec: DashboardSpec): Dashboard {
  const builder = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([DASHBOARD_TAG])
    .editable()
    .refresh(spec.refresh ?? '30s')
    .time({ from: 'now-1h', to: 'now' })
    .timezone('utc')
    .link(
      new DashboardLinkBuilder('EthixAI dashboards')
        .type(DashboardLinkType.Dashboards)
        .tags([DASHBOARD_TAG])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true),
    );
  for (const v of variables()) builder.withVariable(v);
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  spec.panels.forEach((p, index) => {
    const w = p.width ?? DEFAULT_SIZE[p.kind].width;
    const h = p.height ?? DEFAULT_SIZE[p.kind].height;
    if (x + w > GRID_COLUMNS) {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    builder.withPanel(panel(p, index + 1, { x, y, w, h }));
    x += w;
    rowHeight = Math.max(rowHeight, h);
  });
  return builder.build();
}

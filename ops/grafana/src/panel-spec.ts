/**
 * What a dashboard author writes: panels as plain data (title, the question it answers, unit,
 * queries, thresholds). build-dashboard.ts turns them into the SDK's builders and lays them out.
 */
import type { DataSourceRef } from './datasources.ts';

export interface QuerySpec {
  readonly datasource: DataSourceRef;
  readonly expr: string;
  readonly legend?: string;
  /** Prometheus: ask for exemplars (trace ids) with the series. */
  readonly exemplar?: boolean;
}

export interface ThresholdStep {
  readonly value: number;
  readonly color: 'green' | 'orange' | 'red';
}

export type PanelKind = 'timeseries' | 'stat' | 'logs';

export interface PanelSpec {
  readonly kind: PanelKind;
  readonly title: string;
  /** The question the panel answers (shown in Grafana and in docs/observability/DASHBOARDS.md). */
  readonly description: string;
  /** Grafana unit id; logs panels have none. */
  readonly unit?: string;
  readonly queries: readonly QuerySpec[];
  /** Above each step the panel turns that colour; the values come from thresholds.ts. */
  readonly thresholds?: readonly ThresholdStep[];
  /** Colour below the first step: green unless low values are the bad ones. */
  readonly baseColor?: 'green' | 'red';
  readonly min?: number;
  readonly max?: number;
  /** Stat panels: show each series' name (its legend) instead of its value, e.g. the phase under way. */
  readonly showName?: boolean;
  /** Grid columns (of 24) and rows; defaults by kind. */
  readonly width?: number;
  readonly height?: number;
}

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly refresh?: string;
  readonly panels: readonly PanelSpec[];
}

/** The label matchers every service panel applies from the template variables. */
export const SERVICE_MATCHERS = 'service=~"$service", instance=~"$instance"';

/** Every EthixAI dashboard, in the order of docs/observability/DASHBOARDS.md. */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard } from './build-dashboard.ts';
import { business } from './dashboards/business.ts';
import { database } from './dashboards/database.ts';
import { errors } from './dashboards/errors.ts';
import { logs } from './dashboards/logs.ts';
import { overview } from './dashboards/overview.ts';
import { stress } from './dashboards/stress.ts';
import { system } from './dashboards/system.ts';
import type { DashboardSpec } from './panel-spec.ts';

export * from './datasources.ts';
export * from './panel-spec.ts';
export { buildDashboard, DASHBOARD_TAG, GRID_COLUMNS } from './build-dashboard.ts';
export { PANEL_THRESHOLDS } from './thresholds.ts';

export const DASHBOARD_SPECS: readonly DashboardSpec[] = [overview, system, business, errors, database, stress, logs];

/** `<uid>.json` → the dashboard's JSON model. */
export function dashboards(): Map<string, Dashboard> {
  return new Map(DASHBOARD_SPECS.map((spec) => [`${spec.uid}.json`, buildDashboard(spec)]));
}

/**
 * The committed files generated from the dashboards' code: ops/grafana/dashboards/*.json and
 * docs/observability/DASHBOARDS.md. `npm run generate` writes them; a test fails when they differ.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dashboards, DASHBOARD_SPECS } from './index.ts';
import { renderDashboardsDoc } from './dashboards-doc.ts';

export const GRAFANA_DIR = path.resolve(import.meta.dirname, '..');
export const DASHBOARDS_DIR = path.join(GRAFANA_DIR, 'dashboards');
export const DASHBOARDS_DOC = path.resolve(GRAFANA_DIR, '..', '..', 'docs', 'observability', 'DASHBOARDS.md');

export function renderGrafanaArtefacts(): [string, string][] {
  const files: [string, string][] = [...dashboards()].map(([name, model]) => [
    path.join(DASHBOARDS_DIR, name),
    `${JSON.stringify(model, null, 2)}\n`,
  ]);
  files.push([DASHBOARDS_DOC, renderDashboardsDoc(DASHBOARD_SPECS)]);
  return files;
}

export function writeGrafanaArtefacts(): string[] {
  const files = renderGrafanaArtefacts();
  const wanted = new Set(files.map(([file]) => file));
  // A dashboard removed from the code leaves no stale JSON behind for Grafana to keep provisioning.
  for (const name of fs.existsSync(DASHBOARDS_DIR) ? fs.readdirSync(DASHBOARDS_DIR) : []) {
    const file = path.join(DASHBOARDS_DIR, name);
    if (name.endsWith('.json') && !wanted.has(file)) fs.rmSync(file);
  }
  for (const [file, content] of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return files.map(([file]) => file);
}

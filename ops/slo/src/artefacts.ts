import fs from 'node:fs';
import path from 'node:path';
import { alertmanagerConfig, PRODUCTION_ALERTMANAGER } from './alertmanager-config.ts';
import { prometheusConfig, RETENTION } from './prometheus-config.ts';
import { GENERATED_HEADER, renderYaml } from './render.ts';
import { ruleFiles } from './rule-files.ts';

/** ops/ in this repository (this file lives in ops/slo/src/). */
export const OPS_DIR = path.resolve(import.meta.dirname, '..', '..');
export const PROMETHEUS_DIR = path.join(OPS_DIR, 'prometheus');
export const ALERTMANAGER_DIR = path.join(OPS_DIR, 'alertmanager');
export const RULES_DIR = path.join(PROMETHEUS_DIR, 'rules');

/** Every committed file generated from the specification, with its fresh content. */
export function renderOpsArtefacts(): [string, string][] {
  return [
    ...Object.entries(ruleFiles()).map(([name, file]): [string, string] => [
      path.join(RULES_DIR, name),
      renderYaml(file),
    ]),
    [
      path.join(PROMETHEUS_DIR, 'prometheus.yml'),
      renderYaml(
        prometheusConfig(),
        `${GENERATED_HEADER}\n Retention is set by flags (docs/observability/ALERTING.md):\n   --storage.tsdb.retention.time=${RETENTION.time} --storage.tsdb.retention.size=${RETENTION.size}\n The services' scrape credential is read from secrets/metrics-token beside this file.`,
      ),
    ],
    [
      path.join(ALERTMANAGER_DIR, 'alertmanager.yml'),
      renderYaml(
        alertmanagerConfig(),
        `${GENERATED_HEADER}\n Secrets are files in ${PRODUCTION_ALERTMANAGER.secretsDir}/, never in this file: per team slack-<team>.url and\n pagerduty-<team>.key, and incidents-webhook-token (docs/observability/ALERTING.md).`,
      ),
    ],
  ];
}

export function writeOpsArtefacts(): string[] {
  const written: string[] = [];
  for (const [file, content] of renderOpsArtefacts()) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    written.push(file);
  }
  return written;
}

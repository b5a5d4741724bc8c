/**
 * Regenerates every committed artefact derived from code (DESIGN §3): run it after changing an
 * error catalogue, an env schema or a route, then commit what changed. The repo tests fail until
 * the committed files match, and CI runs them. Script: `node tools/repo/src/generate-all.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_DOC, renderConfigDoc } from './config-doc.ts';
import { ENV_EXAMPLE, renderEnvExample } from './env-example.ts';
import { ERRORS_DOC, renderErrorsDoc } from './errors-doc.ts';
import { writeOpenApiDocs } from './openapi-doc.ts';
import { REPO_ROOT } from './source-files.ts';
import { writeOpsArtefacts } from '../../../ops/slo/src/artefacts.ts';
import { writeGrafanaArtefacts } from '../../../ops/grafana/src/artefacts.ts';
import { writeBaselineArtefacts } from '../../../tools/stress/src/baseline-doc.ts';

const TEXT_ARTEFACTS: [string, () => string][] = [
  [ERRORS_DOC, renderErrorsDoc],
  [CONFIG_DOC, renderConfigDoc],
  [ENV_EXAMPLE, renderEnvExample],
];

const written: string[] = [];
for (const [file, render] of TEXT_ARTEFACTS) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, render());
  written.push(file);
}
written.push(...(await writeOpenApiDocs()));
// ops/prometheus and ops/alertmanager, from the SLO specification in ops/slo/src.
written.push(...writeOpsArtefacts());
// ops/grafana/dashboards and docs/observability/DASHBOARDS.md, from the dashboards' code.
written.push(...writeGrafanaArtefacts());
// README badges and the baseline section of docs/performance.md, from the recorded stress baseline.
written.push(...writeBaselineArtefacts());
for (const file of written) process.stdout.write(`wrote ${path.relative(REPO_ROOT, file)}\n`);

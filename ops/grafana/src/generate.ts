/** `npm run generate -w @ethixai/grafana`: writes the dashboards' JSON and DASHBOARDS.md. */
import path from 'node:path';
import { writeGrafanaArtefacts } from './artefacts.ts';

for (const file of writeGrafanaArtefacts()) process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);

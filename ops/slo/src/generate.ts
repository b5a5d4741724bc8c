/**
 * Writes ops/prometheus/rules/*.yml, ops/prometheus/prometheus.yml and
 * ops/alertmanager/alertmanager.yml from the specification. `npm run generate` runs it with the
 * repository's other generators; a test fails while the committed files differ.
 */
import path from 'node:path';
import { OPS_DIR, writeOpsArtefacts } from './artefacts.ts';

for (const file of writeOpsArtefacts()) process.stdout.write(`wrote ops/${path.relative(OPS_DIR, file)}\n`);

/**
 * `npm run health-check`: both services (/health, /ready), the Prometheus targets, its rules and
 * its Alertmanager, and Alertmanager itself, as one table. Exits 1 naming what is unhealthy.
 */
import { runChecks } from './checks.ts';
import { parseOptions, USAGE, UsageError } from './options.ts';
import { renderReport } from './table.ts';

try {
  const results = await runChecks(parseOptions(process.argv.slice(2)));
  process.stdout.write(renderReport(results));
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n${USAGE}\n`);
  process.exitCode = 2;
}

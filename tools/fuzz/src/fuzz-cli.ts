/**
 * `npm run fuzz`: the fuzz campaign at full size. FUZZ_CASES (default 10,000) bad requests spread
 * over every route of both services, FUZZ_SEED (default: random, printed) to replay a run.
 * Exits 1 on any failure, listing them.
 */
import { runFuzz } from './fuzz-run.ts';

const total = Number(process.env.FUZZ_CASES ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
process.stdout.write(`fuzz: seed ${seed}, ${total} cases over every route\n`);
const started = performance.now();
const report = await runFuzz({
  seed,
  totalCases: total,
  onRoute: (route, cases, ms) => process.stdout.write(`  ${route}: ${cases} cases in ${Math.round(ms)} ms\n`),
});
process.stdout.write(
  `fuzz: ${report.cases} cases over ${report.routes} routes and ${report.rawCases} raw-socket cases in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
for (const failure of report.failures) process.stdout.write(`FAIL ${failure}\n`);
process.stdout.write(
  `${report.failures.length === 0 ? report.cases + report.rawCases : 0} passed, ${report.failures.length} failed\n`,
);
process.exit(report.failures.length === 0 ? 0 : 1);

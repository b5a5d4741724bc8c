/**
 * npm run simulate:fairness [-- --sims N --seed S] — the coverage / family-wise error / width
 * simulation of docs/fairness.md (default 2,000 simulations per cell, 60 cells). Prints a
 * Markdown table and the machine it ran on; exits 1 when a cell misses a goal (thresholds
 * lowered by two Monte Carlo standard errors, as in the CI test).
 */
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { allCells, runCell, thresholds, type CellResult } from './simulate.ts';
import { cellFailures } from './goals.ts';

const { values } = parseArgs({
  options: { sims: { type: 'string', default: '2000' }, seed: { type: 'string', default: '18' } },
});
const sims = Number(values.sims),
  seed = Number(values.seed);
if (!(Number.isInteger(sims) && sims > 0) || !Number.isInteger(seed))
  throw new Error('--sims and --seed must be integers');

const started = new Date();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const th = thresholds(sims);
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const rows: string[] = [];
let failures = 0;
for (const [i, cell] of allCells().entries()) {
  const r: CellResult = runCell(cell, sims, seed * 1000 + i);
  const missed = cellFailures(r, th);
  failures += missed.length;
  rows.push(
    `| ${cell.truth} | ${cell.groups} | ${cell.sizes} | ${cell.level} | ${pct(r.coverageDifference)} | ${pct(r.coverageRatio)} | ` +
      `${pct(r.worstCoverage)} ${r.worstCoverageOf ? `(${r.worstCoverageOf})` : ''} | ${r.fwer === null ? '—' : pct(r.fwer)} | ` +
      `${r.medianWidth.toFixed(4)} | ${r.medianBonferroniWidth.toFixed(4)} |${missed.length ? ` **${missed.join('; ')}**` : ''}`,
  );
}
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  [
    `simulate:fairness — ${sims} simulations per cell, seed ${seed}, ${started.toISOString()}`,
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}; ` +
      `wall ${((performance.now() - t0) / 1000).toFixed(0)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s`,
    `thresholds: coverage ≥ ${pct(th.coverage)}, FWER ≤ ${pct(th.fwer)} (94 % and 5 % moved by two Monte Carlo SEs), median width ≤ Bonferroni`,
    '',
    '| truth | K | sizes | r | cover max − min | cover min / max | worst cover, any rate | FWER, all tests shown | median width | Bonferroni width |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    failures === 0 ? 'every cell meets its goals' : `${failures} goal(s) missed`,
    '',
  ].join('\n'),
);
process.exitCode = failures === 0 ? 0 : 1;

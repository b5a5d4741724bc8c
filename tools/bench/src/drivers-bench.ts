/**
 * Drivers-and-proxies benchmark: analyzeDrivers on synthetic typed columns (default 1M rows,
 * 10 features: 5 numeric with some missing values, 5 categorical with 3-40 levels, two sensitive
 * attributes). Prints wall-clock ms per run and the phase split of one run.
 *
 *   node tools/bench/src/drivers-bench.ts [rows=1000000] [runs=3]
 *
 * Imports the drivers module by path: the package root export is the engine core's, which
 * need not re-export internals. The goal (issue 2) is under 2 s for 1M rows and 10 features on one core. The machine is shared,
 * so the script also times a reference loop (one pass summing a Float64Array column) in the same
 * run: the ratio is the number that travels between machines.
 */
import { analyzeDrivers, DRIVERS_DEFAULTS } from '../../../packages/fairness/src/drivers/index.ts';
import type { Column, Table } from '../../../packages/fairness/src/table.ts';
import { mulberry32, sampleSorted } from '../../../packages/fairness/src/drivers/prng.ts';
import { featureProxies } from '../../../packages/fairness/src/drivers/proxies.ts';
import { jointGroups } from '../../../packages/fairness/src/drivers/sensitive-joint.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);

function synthetic(n: number) {
  const r = mulberry32(12345);
  const columns = new Map<string, Column>();
  const race = new Int32Array(n);
  const sex = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    race[i] = Math.floor(r() * 4);
    sex[i] = r() < 0.5 ? 0 : 1;
  }
  const numeric: Float64Array[] = [];
  for (let j = 0; j < 5; j++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = r() < 0.02 ? NaN : (j === 0 ? race[i] * 10 : 0) + r() * 100;
    numeric.push(v);
    columns.set(`num${j}`, { kind: 'numeric', values: v });
  }
  const widths = [3, 5, 8, 12, 40];
  const cats: Int32Array[] = [];
  widths.forEach((w, j) => {
    const c = new Int32Array(n);
    for (let i = 0; i < n; i++) c[i] = r() < 0.01 ? -1 : j === 0 ? (r() < 0.8 ? sex[i] : 2) : Math.floor(r() * w);
    cats.push(c);
    columns.set(`cat${j}`, { kind: 'categorical', codes: c, levels: Array.from({ length: w }, (_, k) => `L${k}`) });
  });
  const decisions = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = numeric[0][i] === numeric[0][i] ? numeric[0][i] : 65;
    const eta = 0.04 * (x - 65) + (cats[0][i] === 1 ? 1.2 : 0) - 0.3 * (cats[3][i] % 3) + (r() - 0.5) * 2;
    decisions[i] = eta > 0 ? 1 : 0;
  }
  const table: Table = { rowCount: n, columns };
  const sensitive = [
    { name: 'race', codes: race, levels: ['a', 'b', 'c', 'd'] },
    { name: 'sex', codes: sex, levels: ['f', 'm'] },
  ];
  return { table, decisions, sensitive, features: [...columns.keys()] };
}

function referenceLoop(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}

const data = synthetic(rows);
const refCol = (data.table.columns.get('num1') as { values: Float64Array }).values;
let sink = 0;
/** Best of 20 reference loops, measured right before each run so both see the same load. */
function referenceMs(): number {
  let best = Infinity;
  for (let k = 0; k < 20; k++) {
    const t = performance.now();
    sink += referenceLoop(refCol);
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

const input = { ...data, rows: null, seed: 42 };
const results: { ms: number; cpuMs: number; ref: number; proxiesMs: number }[] = [];
let last;
for (let k = 0; k < runs; k++) {
  const ref = referenceMs();
  const t = performance.now();
  const cpu = process.cpuUsage();
  last = analyzeDrivers(input);
  const ms = performance.now() - t;
  // CPU time of this process: on a shared machine it excludes the time other jobs held the core.
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  // The proxies half alone (the rest is the surrogate: fit, fidelity, attributions, permutation).
  const tp = performance.now();
  data.features.forEach((name) =>
    featureProxies(
      name,
      data.table.columns.get(name) as Column,
      data.sensitive,
      jointGroups(data.sensitive, null),
      null,
      sampleSorted(rows, DRIVERS_DEFAULTS.quantileSample, mulberry32(1)),
      0.3,
    ),
  );
  results.push({ ms, cpuMs, ref, proxiesMs: performance.now() - tp });
}
const best = results.reduce((a, b) => (b.ms < a.ms ? b : a));
console.log(
  `drivers-bench rows=${rows} features=${data.features.length} sensitive=${data.sensitive.length} (node ${process.version})`,
);
for (const r of results) {
  console.log(
    `  analyzeDrivers ${r.ms.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms cpu (proxies part ~${r.proxiesMs.toFixed(0)} ms); reference loop ${r.ref.toFixed(2)} ms -> ${(r.cpuMs / r.ref).toFixed(0)}x in cpu time`,
  );
}
console.log(
  `best: ${best.ms.toFixed(0)} ms wall, ${Math.min(...results.map((r) => r.cpuMs)).toFixed(0)} ms cpu (goal < 2000 ms); ${(best.cpuMs / best.ref).toFixed(0)}x the reference loop (cpu time over its best time; wall time on a loaded machine includes waiting)`,
);
if (last && last.surrogate.fitted) {
  const s = last.surrogate;
  console.log(
    `surrogate: nFit=${s.nFit} iterations=${s.iterations} converged=${s.converged} agreement=${s.fidelity.agreement.toFixed(4)} auc=${s.fidelity.auc.toFixed(4)}`,
  );
  console.log(
    `ranking: ${last.ranking.join(' > ')}; flags: ${last.flags.map((f) => `${f.kind}:${f.feature}->${f.attribute}`).join(', ') || 'none'}`,
  );
}
if (sink === 42) console.log('');

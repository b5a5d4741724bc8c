/**
 * npm run bench:fairness — the fairness engine against a reference loop that only counts confusion
 * cells over typed arrays. The machine is a shared 2-core VM where other work runs concurrently, so
 * raw wall times are not comparable between runs: every repetition of a case is measured right
 * after a repetition of the reference loop, and the goals are judged on the median of those
 * per-repetition ratios and on CPU time (process.cpuUsage), which load inflates far less than wall time.
 *   1. full audit, no score/features (2 sensitive columns + intersection), 1M and 10M rows: goal ratio ≤ 5
 *   2. audit with a score column (AUC + calibration), 1M rows: goal < 150 ms, for scores with 1,001
 *      distinct values (a histogram, no sort) and for continuous scores (every value distinct: the sort)
 *   3. audit with drivers + proxies, 1M rows × 10 features: goal < 2 s
 *   4. the CLI end to end on a 1M-row CSV, when packages/cli/dist/ethixai.js exists: goal < 1.5 s
 *      (CPU time of the child process read from /proc/self/stat cutime + cstime)
 * `npm run bench:fairness -- full score` runs only the named groups (full, score, drivers, cli).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, type AuditConfig, type Column, type Table } from '@ethixai/fairness';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeTable(n: number, features = 0, continuous = false): Table {
  const r = rng(42);
  const race = new Int32Array(n),
    sex = new Int32Array(n),
    label = new Int32Array(n),
    pred = new Int32Array(n);
  const score = new Float64Array(n);
  const cols = new Map<string, Column>();
  const feats = Array.from({ length: features }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    race[i] = Math.floor(r() * 5);
    sex[i] = r() < 0.5 ? 0 : 1;
    const s = Math.min(1, Math.max(0, 0.35 + 0.08 * race[i] + 0.3 * (r() - 0.5)));
    score[i] = continuous ? s : Math.round(s * 1000) / 1000;
    label[i] = r() < s ? 1 : 0;
    pred[i] = s >= 0.5 ? 1 : 0;
    for (let f = 0; f < features; f++) feats[f][i] = f === 0 ? race[i] + r() : r() * 10 + (f === 1 ? s * 5 : 0);
  }
  cols.set('race', { kind: 'categorical', codes: race, levels: ['A', 'B', 'C', 'D', 'E'] });
  cols.set('sex', { kind: 'categorical', codes: sex, levels: ['F', 'M'] });
  cols.set('label', { kind: 'categorical', codes: label, levels: ['0', '1'] });
  cols.set('pred', { kind: 'categorical', codes: pred, levels: ['0', '1'] });
  cols.set('score', { kind: 'numeric', values: score });
  feats.forEach((v, f) => cols.set(`f${f}`, { kind: 'numeric', values: v }));
  return { rowCount: n, columns: cols };
}

/** Counts group × y × ŷ cells over the same typed columns: the floor any audit must pay. */
function referenceLoop(t: Table): number {
  const g = (t.columns.get('race') as { codes: Int32Array }).codes;
  const y = (t.columns.get('label') as { codes: Int32Array }).codes;
  const p = (t.columns.get('pred') as { codes: Int32Array }).codes;
  const cells = new Float64Array(5 * 4);
  for (let i = 0; i < g.length; i++) cells[g[i] * 4 + y[i] * 2 + p[i]] += 1;
  return cells[0];
}

/** CPU ms of this process, plus its waited-for children (cutime + cstime, clock ticks of 10 ms). */
function cpuMs(children: boolean): number {
  const u = process.cpuUsage();
  let ms = (u.user + u.system) / 1000;
  if (children) {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    ms += (Number(fields[13]) + Number(fields[14])) * 10;
  }
  return ms;
}

interface Sample {
  wall: number;
  cpu: number;
}
function measure(fn: () => unknown, children = false): Sample {
  const c0 = cpuMs(children),
    t0 = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  return { wall, cpu: cpuMs(children) - c0 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

interface Paired {
  ref: Sample;
  run: Sample;
  wallRatio: number;
  cpuRatio: number;
  reps: number;
}
/** Warm both, then alternate reference / case so each ratio compares runs adjacent in time. */
function paired(reps: number, warm: number, ref: () => unknown, fn: () => unknown, children = false): Paired {
  for (let k = 0; k < warm; k++) {
    ref();
    fn();
  }
  const r: Sample[] = [],
    c: Sample[] = [];
  for (let k = 0; k < reps; k++) {
    r.push(measure(ref));
    c.push(measure(fn, children));
  }
  const med = (xs: Sample[]) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) });
  return {
    ref: med(r),
    run: med(c),
    reps,
    wallRatio: median(c.map((x, k) => x.wall / r[k].wall)),
    cpuRatio: median(c.map((x, k) => x.cpu / Math.max(r[k].cpu, 0.001))),
  };
}

const lines: string[] = [];
const log = (s: string) => {
  console.log(s);
  lines.push(s);
};
const f1 = (v: number) => v.toFixed(1);
function report(name: string, p: Paired, goal: string): void {
  log(
    `${name}: ${f1(p.run.wall)} ms wall, ${f1(p.run.cpu)} ms cpu (median of ${p.reps}); reference ${f1(p.ref.wall)} ms wall, ` +
      `${f1(p.ref.cpu)} ms cpu; ratio to reference (median per repetition) ${p.wallRatio.toFixed(2)}x wall, ${p.cpuRatio.toFixed(2)}x cpu; goal ${goal}`,
  );
}

const load = loadavg();
log(
  `node ${process.version}, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ` +
    `load average at start ${load.map((x) => x.toFixed(2)).join(' / ')} (1/5/15 min)`,
);
const only = process.argv.slice(2);
const wanted = (group: string) => only.length === 0 || only.includes(group);
const base: AuditConfig = { label: 'label', prediction: 'pred', predictionPositive: ['1'], sensitive: ['race', 'sex'] };

for (const n of wanted('full') ? [1_000_000, 10_000_000] : []) {
  const t = makeTable(n);
  const big = n > 1e6;
  report(
    `${n / 1e6}M rows, full audit (2 sensitive columns + intersection)`,
    paired(
      big ? 7 : 21,
      big ? 2 : 5,
      () => referenceLoop(t),
      () => audit(t, base),
    ),
    'ratio ≤ 5x',
  );
}
if (wanted('score')) {
  const t = makeTable(1_000_000);
  report(
    '1M rows with score (AUC + calibration), 1,001 distinct scores',
    paired(
      11,
      3,
      () => referenceLoop(t),
      () => audit(t, { ...base, score: 'score' }),
    ),
    '< 150 ms cpu',
  );
  const c = makeTable(1_000_000, 0, true);
  report(
    '1M rows with score, continuous scores (every value distinct)',
    paired(
      11,
      3,
      () => referenceLoop(c),
      () => audit(c, { ...base, score: 'score' }),
    ),
    '< 150 ms cpu',
  );
}
if (wanted('drivers')) {
  const t = makeTable(1_000_000, 10);
  const features = Array.from({ length: 10 }, (_, f) => `f${f}`);
  report(
    '1M rows × 10 features, drivers + proxies',
    paired(
      3,
      1,
      () => referenceLoop(t),
      () => audit(t, { ...base, features }),
    ),
    '< 2000 ms cpu',
  );
}
const cli = join(process.cwd(), 'packages/cli/dist/ethixai.js');
if (!wanted('cli')) {
  /* not asked for */
} else if (existsSync(cli)) {
  const dir = mkdtempSync(join(tmpdir(), 'ethixai-bench-'));
  try {
    const r = rng(7);
    const races = ['A', 'B', 'C', 'D', 'E'];
    const rows = ['id,race,sex,score,label,pred,notes'];
    for (let i = 0; i < 1_000_000; i++) {
      const s = Math.round(r() * 1000) / 1000;
      rows.push(
        `${i},${races[Math.floor(r() * 5)]},${r() < 0.5 ? 'F' : 'M'},${s},${r() < s ? 1 : 0},${s >= 0.5 ? 1 : 0},"note, ${i % 97}"`,
      );
    }
    const file = join(dir, 'bench.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const t = makeTable(1_000_000);
    const args = [
      cli,
      'audit',
      file,
      '--label',
      'label',
      '--prediction',
      'pred',
      '--positive',
      '1',
      '--sensitive',
      'race,sex',
      '--format',
      'json',
    ];
    const run = () => execFileSync('node', args, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 28 });
    report(
      'CLI end to end, 1M-row CSV (child process)',
      paired(3, 1, () => referenceLoop(t), run, true),
      '< 1500 ms',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else log('CLI end to end: skipped (packages/cli/dist/ethixai.js not present yet)');
log(
  `load average at end ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ')}`,
);

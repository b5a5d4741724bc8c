/**
 * npm run bench:fairness — the fairness engine against a reference loop that only counts confusion
 * cells over typed arrays, measured in the same run (the machine is shared: compare ratios).
 *   1. reference loop, 1M and 10M rows
 *   2. full audit, no score/features (2 sensitive columns + intersection), 1M and 10M rows (goal ≤ 5x reference)
 *   3. audit with a score column (AUC + calibration), 1M rows (goal < 150 ms)
 *   4. audit with drivers + proxies, 1M rows × 10 features (goal < 2 s)
 *   5. the CLI end to end on a 1M-row CSV, when packages/cli/bin/ethixai.js exists (goal < 1.5 s)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, type Column, type Table } from '@ethixai/fairness';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

function makeTable(n: number, features = 0): Table {
  const r = rng(42);
  const race = new Int32Array(n), sex = new Int32Array(n), label = new Int32Array(n), pred = new Int32Array(n);
  const score = new Float64Array(n);
  const cols = new Map<string, Column>();
  const feats = Array.from({ length: features }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    race[i] = Math.floor(r() * 5); sex[i] = r() < 0.5 ? 0 : 1;
    const s = Math.min(1, Math.max(0, 0.35 + 0.08 * race[i] + 0.3 * (r() - 0.5)));
    score[i] = Math.round(s * 1000) / 1000;
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

function timeIt(runs: number, fn: () => unknown): number {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) { const t0 = process.hrtime.bigint(); fn(); times.push(Number(process.hrtime.bigint() - t0) / 1e6); }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const base = { label: 'label', prediction: 'pred', predictionPositive: ['1'], sensitive: ['race', 'sex'] };
const lines: string[] = [];
const log = (s: string) => { console.log(s); lines.push(s); };

log(`node ${process.version}, ${new Date().toISOString()}`);
for (const n of [1_000_000, 10_000_000]) {
  const t = makeTable(n);
  const ref = timeIt(n > 1e6 ? 5 : 15, () => referenceLoop(t));
  const full = timeIt(n > 1e6 ? 5 : 15, () => audit(t, base));
  log(`${n / 1e6}M rows: reference loop ${ref.toFixed(1)} ms (${(n / ref / 1e3).toFixed(0)}M rows/s); full audit ${full.toFixed(1)} ms = ${(full / ref).toFixed(2)}x reference (goal ≤ 5x)`);
}
{
  const t = makeTable(1_000_000);
  const ms = timeIt(9, () => audit(t, { ...base, score: 'score' }));
  log(`1M rows with score (AUC + calibration): ${ms.toFixed(1)} ms (goal < 150 ms)`);
}
{
  const t = makeTable(1_000_000, 10);
  const features = Array.from({ length: 10 }, (_, f) => `f${f}`);
  const ms = timeIt(3, () => audit(t, { ...base, features }));
  log(`1M rows × 10 features with drivers + proxies: ${ms.toFixed(0)} ms (goal < 2000 ms)`);
}
const cli = join(process.cwd(), 'packages/cli/bin/ethixai.js');
if (existsSync(cli)) {
  const dir = mkdtempSync(join(tmpdir(), 'ethixai-bench-'));
  try {
    const r = rng(7);
    const races = ['A', 'B', 'C', 'D', 'E'];
    const rows = ['id,race,sex,score,label,pred,notes'];
    for (let i = 0; i < 1_000_000; i++) {
      const s = Math.round(r() * 1000) / 1000;
      rows.push(`${i},${races[Math.floor(r() * 5)]},${r() < 0.5 ? 'F' : 'M'},${s},${r() < s ? 1 : 0},${s >= 0.5 ? 1 : 0},"note, ${i % 97}"`);
    }
    const file = join(dir, 'bench.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const args = [cli, 'audit', file, '--label', 'label', '--prediction', 'pred', '--positive', '1', '--sensitive', 'race,sex', '--format', 'json'];
    const ms = timeIt(3, () => execFileSync('node', args, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 28 }));
    log(`CLI end to end, 1M-row CSV: ${ms.toFixed(0)} ms (goal < 1500 ms)`);
  } finally { rmSync(dir, { recursive: true, force: true }); }
} else log('CLI end to end: skipped (packages/cli/bin/ethixai.js not present yet)');

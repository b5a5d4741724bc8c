/**
 * Writes a synthetic audit CSV for benchmarks: `id,group,sex,age,score,label,pred`, about 33 bytes
 * a row (1M rows ≈ 33 MB), deterministic for a seed. The decision depends on the score and the
 * score leans on the group, so audits of it find real (made-up) disparities.
 *
 *   node tools/bench/src/gen-csv.ts OUT.csv ROWS [SEED]
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const GROUPS = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta'];
const SEXES = ['F', 'M'];

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows `from` to `to` (exclusive, capped at `rows`), 1-based ids. */
export function csvLines(rows: number, from: number, to: number, random: () => number): string {
  let out = '';
  for (let i = from; i < to && i < rows; i++) {
    const g = Math.floor(random() * GROUPS.length);
    const sex = SEXES[random() < 0.5 ? 0 : 1];
    const age = 18 + Math.floor(random() * 60);
    const score = Math.min(1, Math.max(0, random() * 0.8 + g * 0.025));
    const label = random() < score ? 1 : 0;
    const pred = score >= 0.5 ? 1 : 0;
    out += `${i + 1},${GROUPS[g]},${sex},${age},${score.toFixed(4)},${label},${pred}\n`;
  }
  return out;
}

export async function writeCsv(path: string, rows: number, seed = 1): Promise<void> {
  const random = seededRandom(seed);
  const out = createWriteStream(path);
  out.write('id,group,sex,age,score,label,pred\n');
  const batch = 20_000;
  for (let from = 0; from < rows; from += batch) {
    if (!out.write(csvLines(rows, from, from + batch, random))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [path, rows, seed] = process.argv.slice(2);
  if (path === undefined || rows === undefined) {
    console.error('usage: gen-csv.ts OUT.csv ROWS [SEED]');
    process.exit(2);
  }
  await writeCsv(path, Number(rows), seed === undefined ? 1 : Number(seed));
  console.log(`wrote ${rows} rows to ${path}`);
}

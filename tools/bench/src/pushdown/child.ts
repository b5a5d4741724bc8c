/**
 * One measured task of the pushdown bench, in its own process so its peak resident memory is its
 * own (read from /proc/self/status VmHWM at the end). Prints one JSON line: wall and CPU seconds
 * (process.cpuUsage counts DuckDB's threads too), peak MB, result rows.
 *
 *   node child.ts duckdb-query FILE.parquet SQL      a bare query on the file (the reference)
 *   node child.ts rows-audit URL TABLE full|counts   read the audit's columns of every row into this process, then audit
 */
import { readFileSync } from 'node:fs';
import { audit } from '@ethixai/fairness';
import { AUDIT_CONFIG, COUNTS_ONLY_CONFIG } from './data.ts';
import { readPostgresTable } from './pg-rows.ts';

function peakMb(): number {
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return kb ? Number(kb[1]) / 1024 : Number.NaN;
}

const [task, a, b, variant] = process.argv.slice(2);
const start = performance.now();
const cpu0 = process.cpuUsage();
let rows: number;
if (task === 'duckdb-query') {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  // The same settings as the audit's engine (packages/pushdown duckdb-engine.ts).
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: '512MB',
    preserve_insertion_order: 'false',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(b.replaceAll('$FILE', `'${a.replaceAll("'", "''")}'`));
  rows = reader.currentRowCount;
  connection.closeSync();
  instance.closeSync();
} else if (task === 'rows-audit') {
  const full = variant === 'full';
  const columns = ['race', 'sex', 'age_group', 'label', 'decision', ...(full ? ['score', 'weight'] : [])];
  const table = await readPostgresTable(a, b, columns);
  rows = audit(table, full ? AUDIT_CONFIG : COUNTS_ONLY_CONFIG).attributes.reduce((s, x) => s + x.groups.length, 0);
} else {
  throw new Error(`unknown task ${task}`);
}
const used = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({ wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6, peakMb: peakMb(), rows })}\n`,
);

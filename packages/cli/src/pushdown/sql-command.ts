/**
 * `ethixai sql --dialect trino|spark|bigquery …`: prints the counting query for a team to run on its
 * own cluster, every value inlined as an escaped literal. `--format json` prints the query with its
 * specification, which is what a job sends back with the result rows as a counts document.
 */
import { parseArgs } from 'node:util';
import {
  dialectOf,
  printedQuery,
  printedSampleQuery,
  specFromConfig,
  type ColumnKind,
  type QuerySpec,
} from '@ethixai/pushdown';
import { AUDIT_OPTIONS } from '../args.ts';
import { buildAuditOptions } from '../audit-request.ts';
import { list, number } from '../config-values.ts';
import { EXIT_OK, UsageError } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { SQL_HELP } from './sql-help.ts';
import { filters, positiveInteger, scoreBins, tableName } from './options.ts';

const PICKED = [
  'config',
  'label',
  'label-positive',
  'prediction',
  'positive',
  'score',
  'threshold',
  'weights',
  'sensitive',
  'buckets',
  'missing-sensitive',
  'features',
  'calibration-bins',
  'seed',
  'table',
  'where',
  'score-bins',
  'sample-rows',
  'out',
  'help',
] as const;

const SQL_OPTIONS = {
  ...(Object.fromEntries(PICKED.map((k) => [k, AUDIT_OPTIONS[k]])) as Pick<
    typeof AUDIT_OPTIONS,
    (typeof PICKED)[number]
  >),
  dialect: { type: 'string' },
  numeric: { type: 'string', multiple: true },
  'sample-percent': { type: 'string' },
  format: { type: 'string' },
} as const;

export async function sqlCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: SQL_OPTIONS, allowPositionals: false, strict: true });
  } catch (error) {
    throw new UsageError(
      (error as Error).message.split('. To specify')[0].replace(/^Unknown option/, 'unknown option'),
    );
  }
  const flags = parsed.values;
  if (flags.help === true) {
    io.stdout(SQL_HELP);
    return EXIT_OK;
  }
  if (flags.dialect === undefined)
    throw new UsageError('--dialect is required: trino, spark or bigquery (also postgres, duckdb)');
  const dialect = dialectOf(flags.dialect);
  const format = flags.format ?? 'sql';
  if (format !== 'sql' && format !== 'json') throw new UsageError(`--format must be sql or json, got "${format}"`);
  const { config } = buildAuditOptions({ ...flags, format: undefined });
  const where = filters(flags.where);
  const numeric = new Set(list(flags.numeric) ?? []);
  const kinds: Record<string, ColumnKind> = {};
  const asNumber = [config.score, config.weights, ...Object.keys(config.buckets ?? {})];
  for (const c of [config.label, config.prediction, ...config.sensitive])
    if (c) kinds[c] = numeric.has(c) ? 'number' : 'text';
  for (const c of asNumber) if (c) kinds[c] = 'number';
  for (const f of where) kinds[f.column] ??= numeric.has(f.column) ? 'number' : 'other';
  for (const f of config.features ?? []) kinds[f] ??= numeric.has(f) ? 'number' : 'text';
  const spec: QuerySpec = specFromConfig(config, {
    source: { kind: 'table', name: tableName(flags.table) },
    kinds,
    filters: where,
    scoreBins: scoreBins(flags['score-bins']),
  });
  const sql = printedQuery(spec, dialect.name);
  const features = config.features ?? [];
  const sample =
    features.length === 0
      ? null
      : printedSampleQuery(
          spec,
          dialect.name,
          features,
          kinds,
          positiveInteger(flags['sample-rows'], 'sample-rows') ?? 50_000,
          number(flags['sample-percent'], 'sample-percent') ?? 1,
          config.seed ?? 0,
        );
  const text =
    format === 'json'
      ? `${JSON.stringify({ query: { dialect: dialect.name, ...spec }, sql, sample }, null, 2)}\n`
      : `${sql};\n${sample === null ? '' : `\n-- A bounded sample for drivers and proxies (send its rows as the document's "sample"):\n${sample.sql};\n`}`;
  io.stdout(text);
  return EXIT_OK;
}

/**
 * `ethixai audit` where the data lives: Parquet files (one or a glob) or a CSV through embedded
 * DuckDB, a PostgreSQL table (`--source postgres://… --table NAME`), or a counts document a
 * warehouse job produced (`--counts FILE`). The engine counts; only the counts come back, and the
 * report is the one the rows would give.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AuditConfig } from '@ethixai/fairness';
import { reportFromCounts, type CountsDocument, type CountsReport, type SourceSpec } from '@ethixai/pushdown';
import type { AuditFlags } from '../args.ts';
import { buildAuditOptions } from '../audit-request.ts';
import { EXIT_OK, UsageError } from '../exit-codes.ts';
import { render } from '../format/index.ts';
import { gateExitCode, violations } from '../gate.ts';
import type { CliIo } from '../io.ts';
import { countedText } from './counted-text.ts';
import { filters, memoryLimit, positiveInteger, scoreBins, tableName } from './options.ts';

/** Does this run count where the data lives rather than read a CSV here? */
export function isPushdown(flags: AuditFlags, positionals: readonly string[]): boolean {
  return (
    flags.source !== undefined ||
    flags.counts !== undefined ||
    flags.engine === 'duckdb' ||
    (positionals.length === 1 && /\.parquet$/i.test(positionals[0]))
  );
}

export async function pushdownAudit(flags: AuditFlags, positionals: readonly string[], io: CliIo): Promise<number> {
  if (flags.engine !== undefined && flags.engine !== 'duckdb' && flags.engine !== 'memory') {
    throw new UsageError(`--engine must be duckdb or memory, got "${flags.engine}"`);
  }
  const { report, counts, source } =
    flags.counts !== undefined ? fromCountsFile(flags, positionals) : await countHere(flags, positionals);
  if (flags['save-counts'] !== undefined && counts !== null)
    write(flags['save-counts'], `${JSON.stringify(counts)}\n`, 'save-counts');
  const options = buildAuditOptions(flags, configBase(report));
  const text = render(options.format, report, {
    file: source,
    bytes: null,
    sha256: null,
    counted: countedText(report),
  });
  if (options.out === null) io.stdout(text);
  else {
    write(options.out, text, 'out');
    io.stderr(`ethixai audit: wrote the ${options.format} report to ${options.out} (risk ${report.risk.level})\n`);
  }
  const code = gateExitCode(report, options.failOnViolation, options.strict);
  if (code !== EXIT_OK) {
    const failed = violations(report, options.strict).map((v) => `${v.status} ${v.attribute}: ${v.metric}`);
    io.stderr(`ethixai audit: fairness gate failed (${failed.length}): ${failed.join('; ')}\n`);
  }
  return code;
}

interface Outcome {
  report: CountsReport;
  counts: CountsDocument | null;
  source: string;
}

async function countHere(flags: AuditFlags, positionals: readonly string[]): Promise<Outcome> {
  const { config } = buildAuditOptions(flags);
  const run = {
    filters: filters(flags.where),
    scoreBins: scoreBins(flags['score-bins']),
    sampleRows: positiveInteger(flags['sample-rows'], 'sample-rows'),
  };
  if (flags.source !== undefined) {
    if (positionals.length > 0)
      throw new UsageError(`--source reads a table; drop the file argument ${positionals.join(' ')}`);
    if (!/^postgres(ql)?:\/\//.test(flags.source))
      throw new UsageError('--source takes a PostgreSQL URL: postgres://user:password@host:port/database');
    const { openPostgres, auditSource, serverOf } = await import('@ethixai/pushdown/postgres');
    const source: SourceSpec = { kind: 'table', name: tableName(flags.table) };
    const engine = await openPostgres({ url: flags.source });
    try {
      const { report, counts } = await auditSource(engine, config, { ...run, source });
      return { report, counts, source: `${flags.table} at ${serverOf(flags.source)}` };
    } finally {
      await engine.close();
    }
  }
  if (positionals.length !== 1)
    throw new UsageError(
      `one file (or one quoted glob) per audit, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  const file = positionals[0];
  const { openDuckDB, auditSource } = await import('@ethixai/pushdown/duckdb');
  const source: SourceSpec = /\.parquet$/i.test(file)
    ? { kind: 'parquet', paths: [file] }
    : { kind: 'csv', path: file, delimiter: flags.delimiter ?? ',' };
  const engine = await openDuckDB({
    threads: positiveInteger(flags.threads, 'threads'),
    memoryLimit: memoryLimit(flags['memory-limit']),
  });
  try {
    const { report, counts } = await auditSource(engine, config, { ...run, source });
    return { report, counts, source: file };
  } finally {
    await engine.close();
  }
}

/** A counts document: the configuration starts from what its query counted, flags add the rest (positive values, policy). */
function fromCountsFile(flags: AuditFlags, positionals: readonly string[]): Outcome {
  if (positionals.length > 0)
    throw new UsageError(`--counts reads a counts document; drop the file argument ${positionals.join(' ')}`);
  const path = flags.counts!;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why =
      error instanceof SyntaxError
        ? `not valid JSON (${error.message})`
        : `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    throw new UsageError(`--counts ${path}: ${why}`);
  }
  const { config } = buildAuditOptions(flags, queryConfig(doc));
  return { report: reportFromCounts(doc, config), counts: null, source: path };
}

/** The configuration fields a counts document's query fixed (label, decision, score, groups). */
function queryConfig(doc: unknown): Record<string, unknown> {
  const q = (doc as { query?: Record<string, unknown> } | null)?.query;
  if (!q || typeof q !== 'object') return {};
  const sensitive = Array.isArray(q.sensitive) ? (q.sensitive as { name?: unknown; buckets?: unknown }[]) : [];
  const buckets = Object.fromEntries(sensitive.filter((s) => Array.isArray(s.buckets)).map((s) => [s.name, s.buckets]));
  const scores = q.scores as { calibrationBins?: unknown } | null | undefined;
  const config: Record<string, unknown> = {
    label: q.label,
    prediction: q.prediction ?? undefined,
    threshold: q.prediction ? undefined : (q.threshold ?? undefined),
    score: q.score ?? undefined,
    weights: q.weights ?? undefined,
    sensitive: sensitive.map((s) => s.name),
    buckets,
    missingSensitive: q.missingSensitive,
    calibrationBins: scores?.calibrationBins,
  };
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
}

/** The report's own configuration, so flags that only change the output keep the counted columns. */
function configBase(report: CountsReport): Record<string, unknown> {
  return { ...(report.provenance.config as AuditConfig) };
}

function write(path: string, text: string, flag: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(
      `--${flag} ${path}: cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

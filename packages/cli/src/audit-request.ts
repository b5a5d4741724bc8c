/**
 * Everything one `ethixai audit` run needs: the input file, the engine configuration (the
 * `--config FILE.json` object with flags laid over it, flags winning key by key), the output
 * choices and the gate. The engine's own validation has the last word on the configuration.
 */
import { readFileSync } from 'node:fs';
import { type AuditConfig, INTERVAL_METHODS, validateAuditConfig } from '@ethixai/fairness';
import type { AuditFlags } from './args.ts';
import { assignments, buckets, list, number, oneOf, policy } from './config-values.ts';
import { UsageError } from './exit-codes.ts';

export const FORMATS = ['table', 'json', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface AuditRequest {
  /** Path of the CSV, or '-' for standard input. */
  readonly file: string;
  readonly config: AuditConfig;
  readonly delimiter: string;
  readonly format: Format;
  readonly out: string | null;
  readonly failOnViolation: boolean;
  readonly strict: boolean;
}

export function buildAuditRequest(flags: AuditFlags, positionals: string[]): AuditRequest {
  if (positionals.length === 0) throw new UsageError('missing the CSV file: ethixai audit FILE.csv --label COL ...');
  if (positionals.length > 1)
    throw new UsageError(`one CSV file per audit, got ${positionals.length}: ${positionals.join(' ')}`);
  return { file: positionals[0], ...buildAuditOptions(flags) };
}

/**
 * Everything but the input: the configuration (`base`, e.g. what a counts document was computed
 * for, then --config, then the flags) and the output choices.
 */
export function buildAuditOptions(flags: AuditFlags, base: Record<string, unknown> = {}): Omit<AuditRequest, 'file'> {
  const fromFile = flags.config === undefined ? {} : readConfigFile(flags.config);
  const merged = mergeConfig(mergeConfig(base, fromFile), configFromFlags(flags));
  return {
    config: validateAuditConfig(merged),
    delimiter: flags.delimiter ?? ',',
    format: oneOf(flags.format, 'format', FORMATS) ?? 'table',
    out: flags.out ?? null,
    failOnViolation: flags['fail-on-violation'] === true || flags.strict === true,
    strict: flags.strict === true,
  };
}

function configFromFlags(flags: AuditFlags): Record<string, unknown> {
  const config: Record<string, unknown> = {
    label: flags.label,
    labelPositive: list(flags['label-positive']),
    prediction: flags.prediction,
    predictionPositive: list(flags.positive),
    score: flags.score,
    threshold: number(flags.threshold, 'threshold'),
    weights: flags.weights,
    sensitive: list(flags.sensitive),
    buckets: buckets(flags.buckets),
    missingSensitive: oneOf(flags['missing-sensitive'], 'missing-sensitive', ['group', 'drop', 'error']),
    reference: assignments(flags.reference, 'reference', 'race=Caucasian'),
    referenceStrategy: oneOf(flags['reference-strategy'], 'reference-strategy', ['largest', 'best-off']),
    features: list(flags.features),
    minGroupSize: number(flags['min-group-size'], 'min-group-size'),
    minDenominator: number(flags['min-denominator'], 'min-denominator'),
    confidence: number(flags.confidence, 'confidence'),
    intervalMethod: oneOf(flags['interval-method'], 'interval-method', INTERVAL_METHODS),
    policy: policy(flags.policy),
    geiAlpha: number(flags['gei-alpha'], 'gei-alpha'),
    seed: number(flags.seed, 'seed'),
    calibrationBins: number(flags['calibration-bins'], 'calibration-bins'),
    intersection: flags['no-intersection'] === true ? false : undefined,
  };
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
}

/** Flags win; the maps (buckets, reference, policy) merge key by key. */
function mergeConfig(file: Record<string, unknown>, flags: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...file, ...flags };
  for (const key of ['buckets', 'reference', 'policy']) {
    const a = file[key];
    const b = flags[key];
    if (isRecord(a) && isRecord(b)) merged[key] = { ...a, ...b };
  }
  return merged;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--config ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--config ${path}: not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(parsed)) throw new UsageError(`--config ${path}: must hold a JSON object of audit options`);
  return parsed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Config validation (services and the CLI call this on untrusted JSON) and default resolution.
 * Errors name the field so a 400 / exit 2 tells the user exactly what to fix.
 */
import { FairnessError } from './errors.ts';
import { INTERVAL_METHODS } from './stats/intervals.ts';
import {
  DEFAULT_POLICY,
  type AuditConfig,
  type IntervalMethod,
  type PolicyThresholds,
  type ResolvedAuditConfig,
} from './config-types.ts';

const KEYS = new Set([
  'label',
  'labelPositive',
  'prediction',
  'predictionPositive',
  'score',
  'threshold',
  'weights',
  'sensitive',
  'buckets',
  'missingSensitive',
  'reference',
  'referenceStrategy',
  'features',
  'minGroupSize',
  'minDenominator',
  'confidence',
  'intervalMethod',
  'policy',
  'geiAlpha',
  'seed',
  'calibrationBins',
  'intersection',
]);

function bad(field: string, problem: string): never {
  throw new FairnessError('FAIR_ERR_INVALID_CONFIG', `config.${field} ${problem}`, { field });
}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function optString(o: Record<string, unknown>, k: string): void {
  if (o[k] !== undefined && o[k] !== null && !str(o[k])) bad(k, 'must be a non-empty string');
}
function optStrings(o: Record<string, unknown>, k: string, nonEmpty = false): void {
  const v = o[k];
  if (v === undefined || v === null) return;
  if (!Array.isArray(v) || !v.every(str)) bad(k, 'must be an array of non-empty strings');
  if (nonEmpty && v.length === 0) bad(k, 'must not be empty');
}
function optNumber(o: Record<string, unknown>, k: string, ok: (n: number) => boolean, rule: string): void {
  const v = o[k];
  if (v === undefined || v === null) return;
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) bad(k, `must be ${rule}`);
}

/** Checks the shape of an untrusted configuration; throws FAIR_ERR_INVALID_CONFIG naming the field. */
export function validateAuditConfig(input: unknown): AuditConfig {
  if (!isObj(input)) bad('', 'must be an object');
  const o = input;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) bad(k, 'is not a known option');
  if (!str(o.label)) bad('label', 'is required (the column holding the true outcome)');
  optString(o, 'prediction');
  optString(o, 'score');
  optString(o, 'weights');
  optStrings(o, 'labelPositive', true);
  optStrings(o, 'predictionPositive', true);
  optStrings(o, 'features');
  if (!Array.isArray(o.sensitive) || o.sensitive.length === 0 || !o.sensitive.every(str)) {
    bad('sensitive', 'must be a non-empty array of column names');
  }
  if (new Set(o.sensitive).size !== o.sensitive.length) bad('sensitive', 'names a column twice');
  optNumber(o, 'threshold', () => true, 'a finite number');
  if (!str(o.prediction) && !(str(o.score) && typeof o.threshold === 'number')) {
    bad('prediction', 'is required unless score and threshold are given');
  }
  optNumber(o, 'minGroupSize', (n) => n >= 0, 'a non-negative number');
  optNumber(o, 'minDenominator', (n) => n >= 0, 'a non-negative number');
  // Above 0.999999 the normal quantile of the intervals rounds to infinity.
  optNumber(o, 'confidence', (n) => n > 0 && n <= 0.999999, 'in (0, 0.999999]');
  optNumber(o, 'geiAlpha', (n) => n >= -10 && n <= 10, 'a number in [-10, 10]');
  optNumber(o, 'seed', (n) => Number.isSafeInteger(n), 'a safe integer (at most 2^53 - 1 in magnitude)');
  optNumber(o, 'calibrationBins', (n) => Number.isInteger(n) && n >= 1 && n <= 1000, 'an integer in [1, 1000]');
  if (o.missingSensitive !== undefined && !['group', 'drop', 'error'].includes(o.missingSensitive as string)) {
    bad('missingSensitive', 'must be one of group, drop, error');
  }
  if (o.referenceStrategy !== undefined && !['largest', 'best-off'].includes(o.referenceStrategy as string)) {
    bad('referenceStrategy', 'must be one of largest, best-off');
  }
  if (o.intervalMethod !== undefined && !INTERVAL_METHODS.includes(o.intervalMethod as IntervalMethod)) {
    bad('intervalMethod', `must be one of ${INTERVAL_METHODS.join(', ')}`);
  }
  if (o.intersection !== undefined && typeof o.intersection !== 'boolean') bad('intersection', 'must be a boolean');
  if (o.buckets !== undefined) {
    if (!isObj(o.buckets)) bad('buckets', 'must map column names to arrays of edges');
    for (const [col, edges] of Object.entries(o.buckets)) {
      const ok =
        Array.isArray(edges) && edges.length > 0 && edges.every((e) => typeof e === 'number' && Number.isFinite(e));
      if (!ok || !(edges as number[]).every((e, i, a) => i === 0 || a[i - 1] < e)) {
        bad(`buckets.${col}`, 'must be a non-empty strictly increasing array of finite numbers');
      }
    }
  }
  if (o.reference !== undefined) {
    if (!isObj(o.reference)) bad('reference', 'must map column names to a group value');
    for (const [col, v] of Object.entries(o.reference))
      if (!str(v)) bad(`reference.${col}`, 'must be a non-empty string');
  }
  if (o.policy !== undefined) {
    if (!isObj(o.policy)) bad('policy', 'must be an object of thresholds');
    for (const [k, v] of Object.entries(o.policy)) {
      if (!(k in DEFAULT_POLICY)) bad(`policy.${k}`, 'is not a known threshold');
      if (v === null) continue;
      if (typeof v !== 'number' || !Number.isFinite(v)) bad(`policy.${k}`, 'must be a finite number or null');
      if (k === 'disparateImpact' ? !(v > 0 && v <= 1) : !(v >= 0 && v <= 1)) {
        bad(`policy.${k}`, k === 'disparateImpact' ? 'must be in (0, 1]' : 'must be in [0, 1]');
      }
    }
  }
  return o as unknown as AuditConfig;
}

/** Fills every default, so the result records the exact settings used. */
export function resolveConfigDefaults(c: AuditConfig): ResolvedAuditConfig {
  const policy: PolicyThresholds = { ...DEFAULT_POLICY, ...(c.policy ?? {}) };
  return {
    label: c.label,
    labelPositive: c.labelPositive ?? null,
    prediction: c.prediction ?? null,
    predictionPositive: c.predictionPositive ?? null,
    score: c.score ?? null,
    threshold: c.threshold ?? null,
    weights: c.weights ?? null,
    sensitive: [...c.sensitive],
    buckets: { ...(c.buckets ?? {}) },
    missingSensitive: c.missingSensitive ?? 'group',
    reference: { ...(c.reference ?? {}) },
    referenceStrategy: c.referenceStrategy ?? 'largest',
    features: [...(c.features ?? [])],
    minGroupSize: c.minGroupSize ?? 30,
    minDenominator: c.minDenominator ?? 10,
    confidence: c.confidence ?? 0.95,
    intervalMethod: c.intervalMethod ?? 'wilson',
    policy,
    geiAlpha: c.geiAlpha ?? 2,
    seed: c.seed ?? 0,
    calibrationBins: c.calibrationBins ?? 10,
    intersection: c.intersection ?? c.sensitive.length > 1,
  };
}

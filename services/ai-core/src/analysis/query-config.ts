/**
 * The audit configuration of a text/csv analysis, read from the query string (the body is the
 * data). Either `config=<url-encoded JSON>` alone, or one parameter per AuditConfig field:
 *   strings      label, prediction, score, weights, missingSensitive, referenceStrategy, intervalMethod
 *   numbers      threshold, minGroupSize, minDenominator, confidence, geiAlpha, seed, calibrationBins
 *   boolean      intersection (true|false)
 *   lists        sensitive, features, labelPositive, positive (= predictionPositive): comma-separated or repeated
 *   maps         reference.<column>=<group>, buckets.<column>=<edge,edge,...>, policy.<threshold>=<number|null>
 * The result is checked by the engine's validateAuditConfig like a JSON body's config.
 */
import { validationError } from '../errors.ts';

type QueryValue = string | string[] | undefined;
export type RawQuery = Readonly<Record<string, QueryValue>>;

const STRINGS = new Set([
  'label',
  'prediction',
  'score',
  'weights',
  'missingSensitive',
  'referenceStrategy',
  'intervalMethod',
]);
const NUMBERS = new Set([
  'threshold',
  'minGroupSize',
  'minDenominator',
  'confidence',
  'geiAlpha',
  'seed',
  'calibrationBins',
]);
const LISTS: ReadonlyMap<string, string> = new Map([
  ['sensitive', 'sensitive'],
  ['features', 'features'],
  ['labelPositive', 'labelPositive'],
  ['positive', 'predictionPositive'],
  ['predictionPositive', 'predictionPositive'],
]);
const MAPS = new Set(['reference', 'buckets', 'policy']);

function single(key: string, value: QueryValue): string {
  if (Array.isArray(value)) throw validationError(`query.${key}`, 'must be given once');
  return value ?? '';
}

function list(value: QueryValue): string[] {
  const parts = Array.isArray(value) ? value : [value ?? ''];
  return parts
    .flatMap((part) => part.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function number(key: string, raw: string): number {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) throw validationError(`query.${key}`, `must be a number, got "${raw}"`);
  return value;
}

function fromJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw validationError('query.config', `is not valid JSON (${(err as Error).message})`);
  }
}

function setMapEntry(config: Record<string, unknown>, key: string, value: QueryValue): void {
  const dot = key.indexOf('.');
  const map = key.slice(0, dot);
  const entry = key.slice(dot + 1);
  if (entry === '') throw validationError(`query.${key}`, `must name a column or threshold after "${map}."`);
  // Null-prototype maps: a key such as `buckets.__proto__` stays an ordinary (invalid) entry.
  const target = (config[map] ??= Object.create(null)) as Record<string, unknown>;
  const raw = single(key, value);
  if (map === 'reference') target[entry] = raw;
  else if (map === 'buckets') target[entry] = list(raw).map((edge) => number(key, edge));
  else target[entry] = raw.trim() === 'null' ? null : number(key, raw);
}

export function configFromQuery(query: RawQuery): unknown {
  const keys = Object.keys(query);
  if (keys.includes('config')) {
    if (keys.length > 1) throw validationError('query.config', 'cannot be combined with other query parameters');
    return fromJson(single('config', query.config));
  }
  if (keys.length === 0)
    throw validationError(
      'query',
      'a text/csv body needs its configuration in the query string (at least label, prediction and sensitive)',
    );
  const config: Record<string, unknown> = {};
  for (const key of keys) {
    const value = query[key];
    const mapName = key.includes('.') ? key.slice(0, key.indexOf('.')) : '';
    if (STRINGS.has(key)) config[key] = single(key, value);
    else if (NUMBERS.has(key)) config[key] = number(key, single(key, value));
    else if (LISTS.has(key)) config[LISTS.get(key) as string] = list(value);
    else if (key === 'intersection') config.intersection = boolean(single(key, value));
    else if (MAPS.has(mapName)) setMapEntry(config, key, value);
    else throw validationError(`query.${key}`, 'is not a known configuration parameter');
  }
  return config;
}

function boolean(raw: string): boolean {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw validationError('query.intersection', `must be true or false, got "${raw}"`);
}

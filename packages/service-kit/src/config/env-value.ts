import { KindGuard, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * Text from the environment → the value a schema property asks for, and how to say what was
 * expected when it does not fit. TypeBox's own `Value.Convert` is not used here: it reads an
 * integer with parseInt, so `PORT=80.5` would silently become 80 and `0x10` a ratio of 0, and it
 * knows neither comma lists nor the on/off and yes/no spellings operators write. A value that
 * does not convert is returned unchanged, so the schema check that follows rejects it.
 */
const TRUE_WORDS = new Set(['true', '1', 'on', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'off', 'no']);
const INTEGER_TEXT = /^[-+]?\d+$/;
const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export function convertEnvText(schema: TSchema, raw: string): unknown {
  if (KindGuard.IsInteger(schema)) return INTEGER_TEXT.test(raw) ? Number(raw) : raw;
  if (KindGuard.IsNumber(schema)) return NUMBER_TEXT.test(raw) ? Number(raw) : raw;
  if (KindGuard.IsBoolean(schema)) return toBoolean(raw);
  if (KindGuard.IsString(schema)) return raw;
  if (KindGuard.IsLiteral(schema)) return convertLiteral(schema.const, raw);
  if (KindGuard.IsArray(schema)) {
    return raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
      .map((item) => convertEnvText(schema.items, item));
  }
  if (KindGuard.IsUnion(schema)) {
    for (const member of schema.anyOf) {
      const value = convertEnvText(member, raw);
      if (Value.Check(member, value)) return value;
    }
    return raw;
  }
  throw new Error(`loadConfig: cannot read ${JSON.stringify(schema)} from the environment`);
}

/** Whether `convertEnvText` can produce a value for this schema (checked for every property, set or not). */
export function isReadableFromEnv(schema: TSchema): boolean {
  if (
    [KindGuard.IsInteger, KindGuard.IsNumber, KindGuard.IsBoolean, KindGuard.IsString, KindGuard.IsLiteral].some((is) =>
      is(schema),
    )
  )
    return true;
  if (KindGuard.IsArray(schema)) return isReadableFromEnv(schema.items);
  return KindGuard.IsUnion(schema) && schema.anyOf.every(isReadableFromEnv);
}

/** "a whole number from 0 to 65535", "one of development, production": the words after "must be". */
export function expectedText(schema: TSchema): string {
  if (KindGuard.IsInteger(schema)) return `a whole number${range(schema.minimum, schema.maximum)}`;
  if (KindGuard.IsNumber(schema)) return `a number${range(schema.minimum, schema.maximum)}`;
  if (KindGuard.IsBoolean(schema)) return 'true or false (also 1/0, on/off, yes/no)';
  if (KindGuard.IsLiteral(schema)) return String(schema.const);
  if (KindGuard.IsString(schema)) {
    const length = schema.minLength === undefined ? '' : ` of at least ${schema.minLength} characters`;
    return `text${length}${schema.pattern === undefined ? '' : ` matching ${schema.pattern}`}`;
  }
  if (KindGuard.IsArray(schema)) return `a comma-separated list of ${expectedText(schema.items)}`;
  if (KindGuard.IsUnion(schema)) {
    if (schema.anyOf.every((member) => KindGuard.IsLiteral(member)))
      return `one of ${schema.anyOf.map(expectedText).join(', ')}`;
    return schema.anyOf.map(expectedText).join(', or ');
  }
  return 'a valid value';
}

function toBoolean(raw: string): boolean | string {
  const word = raw.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  return FALSE_WORDS.has(word) ? false : raw;
}

function convertLiteral(constant: unknown, raw: string): unknown {
  if (typeof constant === 'number') return NUMBER_TEXT.test(raw) ? Number(raw) : raw;
  if (typeof constant === 'boolean') return toBoolean(raw);
  return raw;
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  return max === undefined ? '' : ` of at most ${max}`;
}

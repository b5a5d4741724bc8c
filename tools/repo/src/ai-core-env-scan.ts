/**
 * ai-core parses its environment with hand-written reader calls (`integer(env, 'PORT', 8100, 0, 65535)`)
 * instead of a schema, so the config docs read the variables out of the source text. The scan is
 * strict: an upper-case name that env.ts mentions in a way the scan does not understand is an error,
 * so a new variable can never be left out of the generated docs silently.
 */
import { splitArguments } from './call-arguments.ts';

export type Reader = 'text' | 'integer' | 'flag' | 'ratio' | 'oneOf';

export interface ScannedVariable {
  name: string;
  reader: Reader;
  /** Older spellings still read when `name` is absent (`sharedName(env, NAME, LEGACY)`). */
  aliases: string[];
  /** The default as text when it is a constant; otherwise `defaultExpression` holds the code. */
  default?: string;
  defaultExpression?: string;
  min?: number;
  max?: number;
  allowed?: string[];
}

const READERS: Reader[] = ['text', 'integer', 'flag', 'ratio', 'oneOf'];
const CALL_RE = new RegExp(`\\b(${READERS.join('|')})\\(\\s*env\\s*,`, 'g');
const STRING_RE = /^(['"])(.*)\1$/;
const ENV_NAME_RE = /^[A-Z][A-Z0-9_]{2,}$/;

type Constant = number | string[];

export function scanEnvReads(source: string): ScannedVariable[] {
  const constants = readConstants(source);
  const found = new Map<string, ScannedVariable>();
  for (const match of source.matchAll(CALL_RE)) {
    const reader = match[1] as Reader;
    const { args, end } = splitArguments(source, match.index + reader.length);
    const named = nameOf(args[1]);
    if (named === undefined) continue; // the readers' own bodies: `text(env, name)`
    const variable: ScannedVariable = { name: named.name, reader, aliases: named.aliases };
    if (reader === 'text') {
      const fallback = /^\s*\?\?\s*([^;,)\n]+)/.exec(source.slice(end + 1))?.[1];
      if (fallback !== undefined) setDefault(variable, fallback.trim(), constants);
    } else if (reader === 'oneOf') {
      variable.allowed = stringList(args[2], constants);
      setDefault(variable, args[3], constants);
    } else {
      setDefault(variable, args[2], constants);
      if (reader === 'integer') [variable.min, variable.max] = [numeric(args[3], constants), numeric(args[4], constants)];
      if (reader === 'ratio') [variable.min, variable.max] = [0, 1];
    }
    if (!found.has(variable.name)) found.set(variable.name, variable);
  }
  assertEveryNameScanned(source, [...found.values()]);
  return [...found.values()];
}

function nameOf(arg: string | undefined): { name: string; aliases: string[] } | undefined {
  const literal = arg === undefined ? undefined : STRING_RE.exec(arg)?.[2];
  if (literal !== undefined) return { name: literal, aliases: [] };
  const shared = arg === undefined ? null : /^sharedName\(\s*env\s*,\s*(['"])(\w+)\1\s*,\s*(['"])(\w+)\3\s*\)$/.exec(arg);
  return shared ? { name: shared[2], aliases: [shared[4]] } : undefined;
}

function setDefault(variable: ScannedVariable, expression: string | undefined, constants: Map<string, Constant>): void {
  if (expression === undefined) return;
  const literal = STRING_RE.exec(expression)?.[2];
  const value = literal ?? (/^(true|false)$/.test(expression) ? expression : numeric(expression, constants)?.toString());
  if (value === undefined) variable.defaultExpression = expression;
  else variable.default = value;
}

/** Sums of products of numbers and numeric constants (`64 * MB`, `100_000`); anything else is not a constant. */
function numeric(expression: string | undefined, constants: Map<string, Constant>): number | undefined {
  if (expression === undefined) return undefined;
  let sum = 0;
  for (const term of expression.split('+')) {
    let product = 1;
    for (const factor of term.split('*').map((f) => f.trim())) {
      const value = /^\d[\d_]*(\.\d+)?$/.test(factor) ? Number(factor.replaceAll('_', '')) : constants.get(factor);
      if (typeof value !== 'number') return undefined;
      product *= value;
    }
    sum += product;
  }
  return sum;
}

function stringList(expression: string | undefined, constants: Map<string, Constant>): string[] | undefined {
  if (expression === undefined) return undefined;
  const constant = constants.get(expression);
  if (Array.isArray(constant)) return constant;
  const array = /^\[([^\]]*)\](?:\s+as\s+const)?$/.exec(expression);
  if (!array) return undefined;
  const items = array[1].split(',').map((s) => s.trim()).filter(Boolean);
  const strings = items.map((item) => STRING_RE.exec(item)?.[2]);
  return strings.every((s) => s !== undefined) ? (strings as string[]) : undefined;
}

function readConstants(source: string): Map<string, Constant> {
  const constants = new Map<string, Constant>();
  for (const [, name, expression] of source.matchAll(/^const\s+(\w+)\s*=\s*(.+?);\s*$/gm)) {
    const list = stringList(expression, constants);
    const value = list ?? numeric(expression, constants);
    if (value !== undefined) constants.set(name, value);
  }
  return constants;
}

function assertEveryNameScanned(source: string, variables: ScannedVariable[]): void {
  const known = new Set(variables.flatMap((v) => [v.name, ...v.aliases]));
  const mentioned = new Set<string>();
  for (const [, , name] of source.matchAll(/(['"])(\w+)\1/g)) if (ENV_NAME_RE.test(name)) mentioned.add(name);
  for (const [, name] of source.matchAll(/\benv\s*(?:\.|\[\s*['"])([A-Z][A-Z0-9_]*)/g)) mentioned.add(name);
  const unscanned = [...mentioned].filter((name) => !known.has(name));
  if (unscanned.length > 0) {
    throw new Error(
      `ai-core env scan: ${unscanned.join(', ')} mentioned but not read through text/integer/flag/ratio/oneOf(env, 'NAME', ...); ` +
        'extend tools/repo/src/ai-core-env-scan.ts (or export the variable list from services/ai-core/src/config/env.ts)',
    );
  }
}

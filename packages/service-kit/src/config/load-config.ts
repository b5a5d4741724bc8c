import type { Static, TObject, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ConfigError, type ConfigProblem } from './config-error.ts';
import { convertEnvText, expectedText, isReadableFromEnv } from './env-value.ts';

/** The environment as a service's env schema file passes it in (the process's, or a test's record). */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * Reads a service's configuration from the environment through its TypeBox schema: each property
 * of `schema` is one variable. Values are trimmed (empty counts as unset), converted from text,
 * checked, defaulted from the schema's `default`, and the result is frozen. Every bad or missing
 * variable is collected into one ConfigError (`NAME: problem`). A property marked
 * `writeOnly: true` is a secret: its value never appears in an error message. A property may list
 * `aliases`, older names still read when its own name is unset. Variables the schema does not
 * name are ignored.
 */
export function loadConfig<S extends TObject>(schema: S, env: EnvSource): Readonly<Static<S>> {
  const required = new Set(schema.required ?? []);
  const values: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [name, property] of Object.entries<TSchema>(schema.properties)) {
    if (!isReadableFromEnv(property))
      throw new Error(`loadConfig: ${name} has a type that cannot be read from the environment`);
    const [readName, raw] = firstSet(env, [name, ...((property.aliases as string[] | undefined) ?? [])]);
    if (raw === undefined) {
      if (property.default !== undefined) values[name] = Value.Clone(property.default);
      else if (required.has(name)) problems.push({ name, problem: 'required' });
      continue;
    }
    const value = convertEnvText(property, raw);
    if (Value.Check(property, value)) values[name] = value;
    else
      problems.push({
        name: readName,
        problem: `must be ${expectedText(property)}${property.writeOnly === true ? '' : `, got "${raw}"`}`,
      });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // Defaults are code, not input: one that breaks its own schema is a bug, reported as such.
  if (!Value.Check(schema, values))
    throw new Error(
      `loadConfig: a default breaks the schema: ${[...Value.Errors(schema, values)].map((e) => `${e.path} ${e.message}`).join('; ')}`,
    );
  for (const value of Object.values(values)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(values) as Readonly<Static<S>>;
}

function firstSet(env: EnvSource, names: readonly string[]): [string, string | undefined] {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') return [name, value];
  }
  return [names[0], undefined];
}

/**
 * Both services' configuration variables in one shape, read from their TypeBox env schemas
 * (types, ranges, defaults, descriptions, older spellings, `writeOnly` secrets) plus each
 * service's list of secrets its production profile requires. config-doc.ts and env-example.ts
 * render this; nothing is typed twice.
 */
import type { TObject, TSchema } from '@sinclair/typebox';
import { AiCoreEnvSchema, SECRET_NAMES as AI_CORE_SECRET_NAMES } from '../../../services/ai-core/src/config/env.ts';
import { EnvSchema } from '../../../services/backend/src/config/env.ts';
import { SECRET_NAMES, secretVariable } from '../../../services/backend/src/config/secrets.ts';
import { SECRET_NOTES } from './secret-notes.ts';

export interface ConfigVariable {
  name: string;
  /** e.g. `integer 0–65535`, `one of: NORMAL, FULL`, `string`. */
  type: string;
  /** The value used when unset, as it would be written in the environment. */
  default?: string;
  description: string;
  /** Older names still read when this one is absent. */
  aliases: string[];
  secret?: { generate: string; requiredInProduction: boolean; whenUnset: string };
}

export interface ServiceConfig {
  service: 'backend' | 'ai-core';
  source: string;
  variables: ConfigVariable[];
}

export const BACKEND_ENV_SOURCE = 'services/backend/src/config/env.ts';
export const AI_CORE_ENV_SOURCE = 'services/ai-core/src/config/env.ts';

/** A name that marks a secret: such a variable must be `writeOnly` and never gets a value in generated files. */
export const SECRET_NAME_RE = /(?:^|_)(?:TOKEN|KEYS?|SECRET|PASSWORD)$/;
/** A name that marks the file holding a secret (a mounted secret): documented as the secret, though its path is not one. */
export const SECRET_FILE_RE = /(?:^|_)(?:TOKEN|KEYS?|SECRET|PASSWORD)_FILE$/;

/** The variables an operator sets for the backend's secrets (a value, or the file holding it). */
const BACKEND_SECRET_NAMES = SECRET_NAMES.map(secretVariable);

// What the profiles do with a missing required secret (backend: config/secrets.ts; ai-core: env.ts serviceToken).
const BACKEND_UNSET =
  'development: generated once into DATA_DIR/secrets.json and reused; production: the backend refuses to start';
const AI_CORE_UNSET =
  'development: read from DATA_DIR/secrets.json, which the backend writes on its first start; production: ai-core refuses to start';

export function serviceConfigs(): ServiceConfig[] {
  return [
    { service: 'backend', source: BACKEND_ENV_SOURCE, variables: backendVariables() },
    { service: 'ai-core', source: AI_CORE_ENV_SOURCE, variables: aiCoreVariables() },
  ];
}

export function backendVariables(): ConfigVariable[] {
  return schemaVariables(EnvSchema, BACKEND_ENV_SOURCE, BACKEND_SECRET_NAMES, BACKEND_UNSET);
}

export function aiCoreVariables(): ConfigVariable[] {
  return schemaVariables(AiCoreEnvSchema, AI_CORE_ENV_SOURCE, AI_CORE_SECRET_NAMES, AI_CORE_UNSET);
}

/** One row per schema property, in schema order. */
export function schemaVariables(
  schema: TObject,
  source: string,
  requiredSecrets: readonly string[],
  requiredUnset: string,
): ConfigVariable[] {
  return Object.entries<TSchema>(schema.properties).map(([name, property]) => {
    if (property.description === undefined)
      throw new Error(`${name} (${source}) has no description: add one to its schema property`);
    return {
      name,
      type: typeOf(property),
      default: property.default === undefined ? undefined : envText(property.default),
      description: property.description,
      aliases: (property.aliases as string[] | undefined) ?? [],
      secret: secretOf(name, property, requiredSecrets.includes(name), requiredUnset),
    };
  });
}

/** A default as it would be written in the environment (a list is comma-separated). */
function envText(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

function secretOf(
  name: string,
  property: TSchema,
  requiredInProduction: boolean,
  requiredUnset: string,
): ConfigVariable['secret'] {
  const secret = property.writeOnly === true || SECRET_FILE_RE.test(name);
  if ((property.writeOnly === true) !== SECRET_NAME_RE.test(name)) {
    throw new Error(
      `${name}: a name that looks like a secret must be writeOnly in its schema, and only such a name (secret: ${secret})`,
    );
  }
  if (!secret) return undefined;
  const note = SECRET_NOTES[name];
  if (note === undefined)
    throw new Error(`${name} is a secret but tools/repo/src/secret-notes.ts SECRET_NOTES does not say how to make one`);
  if (requiredInProduction) return { generate: note.generate, requiredInProduction, whenUnset: requiredUnset };
  if (note.optionalWhenUnset === undefined) {
    throw new Error(
      `${name} is an optional secret: say in SECRET_NOTES (tools/repo/src/secret-notes.ts) what happens when it is unset`,
    );
  }
  return { generate: note.generate, requiredInProduction, whenUnset: note.optionalWhenUnset };
}

function range(schema: TSchema): string {
  const { minimum: min, maximum: max } = schema as { minimum?: number; maximum?: number };
  if (min !== undefined && max !== undefined) return ` ${min}–${max}`;
  if (min !== undefined) return ` ≥ ${min}`;
  return max !== undefined ? ` ≤ ${max}` : '';
}

/** A readable type of one env schema property (JSON Schema as TypeBox emits it). */
export function typeOf(schema: TSchema): string {
  const anyOf = schema.anyOf as TSchema[] | undefined;
  if (anyOf) {
    if (anyOf.every((s) => s.const !== undefined)) return `one of: ${anyOf.map((s) => String(s.const)).join(', ')}`;
    return anyOf.map(typeOf).join(' or ');
  }
  if (schema.type === 'integer' || schema.type === 'number') return `${schema.type}${range(schema)}`;
  if (schema.type === 'string') {
    const parts = ['string'];
    if (schema.minLength !== undefined) parts.push(`(≥ ${schema.minLength} characters)`);
    if (schema.pattern !== undefined) parts.push(`matching \`${schema.pattern}\``);
    return parts.join(' ');
  }
  if (schema.type === 'boolean') return 'boolean (true/false, 1/0, on/off, yes/no)';
  if (schema.type === 'array') return `comma-separated list of ${typeOf(schema.items as TSchema)}`;
  throw new Error(`config-variables: no rendering for schema ${JSON.stringify(schema)}`);
}

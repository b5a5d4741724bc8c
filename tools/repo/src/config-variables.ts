/**
 * Both services' configuration variables in one shape, read from the code: the backend's TypeBox
 * EnvSchema (types, ranges, defaults, descriptions) plus its SECRET_NAMES, and ai-core's env.ts
 * through the source scan. config-doc.ts and env-example.ts render this; nothing is typed twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import { EnvSchema } from '../../../services/backend/src/config/env.ts';
import { SECRET_NAMES } from '../../../services/backend/src/config/secrets.ts';
import { scanEnvReads, type ScannedVariable } from './ai-core-env-scan.ts';
import { AI_CORE_DESCRIPTIONS, BACKEND_DESCRIPTIONS, SECRET_NOTES } from './config-descriptions.ts';
import { REPO_ROOT } from './source-files.ts';

export interface ConfigVariable {
  name: string;
  /** e.g. `integer 0–65535`, `one of: NORMAL, FULL`, `string`. */
  type: string;
  /** The value used when unset, as it would be written in the environment. */
  default?: string;
  /** When the default depends on other settings: the code that computes it. */
  computedDefault?: string;
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

/** A name that marks a secret: such a variable never gets a value in generated files. */
export const SECRET_NAME_RE = /(?:^|_)(?:TOKEN|KEYS?|SECRET|PASSWORD)$/;

export function serviceConfigs(): ServiceConfig[] {
  return [
    { service: 'backend', source: BACKEND_ENV_SOURCE, variables: backendVariables() },
    { service: 'ai-core', source: AI_CORE_ENV_SOURCE, variables: aiCoreVariables() },
  ];
}

export function backendVariables(): ConfigVariable[] {
  return Object.entries(EnvSchema.properties).map(([name, schema]: [string, TSchema]) => ({
    name,
    type: typeOf(schema),
    default: schema.default === undefined ? undefined : String(schema.default),
    description: describe(name, schema.description ?? BACKEND_DESCRIPTIONS[name], BACKEND_ENV_SOURCE),
    aliases: [],
    secret: secretOf(name, (SECRET_NAMES as string[]).includes(name), BACKEND_UNSET),
  }));
}

/** What ai-core's env.ts reads, straight from the scan (readers, ranges, allowed values). */
export function scanAiCoreEnv(): ScannedVariable[] {
  return scanEnvReads(fs.readFileSync(path.join(REPO_ROOT, AI_CORE_ENV_SOURCE), 'utf8'));
}

export function aiCoreVariables(): ConfigVariable[] {
  return scanAiCoreEnv().map((v) => ({
    name: v.name,
    type: scannedType(v),
    default: v.default,
    computedDefault: v.defaultExpression,
    description: describe(v.name, AI_CORE_DESCRIPTIONS[v.name], AI_CORE_ENV_SOURCE),
    aliases: v.aliases,
    // ai-core's only secret is the service token, which its production profile requires (see env.ts serviceToken).
    secret: secretOf(v.name, v.name === 'AI_CORE_TOKEN', AI_CORE_UNSET),
  }));
}

function describe(name: string, description: string | undefined, source: string): string {
  if (description === undefined) {
    throw new Error(`${name} (${source}) has no description: add one to the service, or to tools/repo/src/config-descriptions.ts`);
  }
  return description;
}

// What the profiles do with a missing required secret (backend: config/secrets.ts; ai-core: env.ts serviceToken).
const BACKEND_UNSET = 'development: generated once into DATA_DIR/secrets.json and reused; production: the backend refuses to start';
const AI_CORE_UNSET = 'development: read from DATA_DIR/secrets.json, which the backend writes on its first start; production: ai-core refuses to start';

function secretOf(name: string, requiredInProduction: boolean, requiredUnset: string): ConfigVariable['secret'] {
  if (!SECRET_NAME_RE.test(name)) return undefined;
  const note = SECRET_NOTES[name];
  if (note === undefined) throw new Error(`${name} looks like a secret but tools/repo/src/config-descriptions.ts SECRET_NOTES does not say how to make one`);
  if (requiredInProduction) return { generate: note.generate, requiredInProduction, whenUnset: requiredUnset };
  if (note.optionalWhenUnset === undefined) {
    throw new Error(`${name} is an optional secret: say in SECRET_NOTES (tools/repo/src/config-descriptions.ts) what happens when it is unset`);
  }
  return { generate: note.generate, requiredInProduction, whenUnset: note.optionalWhenUnset };
}

function range(schema: TSchema): string {
  const { minimum: min, maximum: max } = schema as { minimum?: number; maximum?: number };
  if (min !== undefined && max !== undefined) return ` ${min}–${max}`;
  if (min !== undefined) return ` ≥ ${min}`;
  return max !== undefined ? ` ≤ ${max}` : '';
}

/** A readable type of one EnvSchema property (JSON Schema as TypeBox emits it). */
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
  if (schema.type === 'boolean') return 'boolean';
  throw new Error(`config-variables: no rendering for schema ${JSON.stringify(schema)}`);
}

function scannedType(v: ScannedVariable): string {
  if (v.reader === 'oneOf') {
    if (v.allowed === undefined) throw new Error(`${v.name}: allowed values of oneOf(...) are not a constant list the scan can read`);
    return `one of: ${v.allowed.join(', ')}`;
  }
  if (v.reader === 'flag') return 'boolean (true/false, 1/0, on/off, yes/no)';
  if (v.reader === 'ratio') return 'number 0–1';
  if (v.reader === 'integer') return `integer${range({ minimum: v.min, maximum: v.max } as unknown as TSchema)}`;
  return 'string';
}

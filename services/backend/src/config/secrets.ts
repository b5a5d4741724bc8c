import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, resolveMetricsTokens, type ConfigProblem } from '@ethixai/service-kit';
import type { EnvConfig } from './env.ts';
import { generateSigningJwk } from '../auth/signing-keys.ts';
import { generateHmacJwk } from '../audit-log/hmac-keys.ts';
import { generateCheckpointJwk } from '../audit-log/checkpoint-keys.ts';

/**
 * Secrets never have defaults in code. Development: missing ones are generated once into
 * DATA_DIR/secrets.json (mode 0600) and reused on every start. Production: refuse to start,
 * naming every missing secret. A value given in the environment (or in the file a `*_FILE`
 * variable names) always wins.
 */
export interface Secrets {
  readonly JWT_SIGNING_KEYS: string;
  readonly AI_CORE_TOKEN: string;
  /** Alertmanager's `Authorization: Bearer` credential for POST /v1/alerts/webhook. */
  readonly INCIDENTS_WEBHOOK_TOKEN: string;
  /** JSON array of HMAC JWKs sealing audit entries (audit-log/hmac-keys.ts). */
  readonly AUDIT_HMAC_KEYS: string;
  /** JSON array of Ed25519 JWKs signing audit checkpoints (audit-log/checkpoint-keys.ts). */
  readonly AUDIT_SIGNING_KEYS: string;
  /** The bearer tokens GET /metrics accepts (METRICS_TOKEN_FILE); empty when metrics are off. */
  readonly METRICS_TOKENS: readonly string[];
}

type SecretName = Exclude<keyof Secrets, 'METRICS_TOKENS'>;

const GENERATORS: Record<SecretName, () => Promise<string>> = {
  JWT_SIGNING_KEYS: async () => JSON.stringify([await generateSigningJwk()]),
  AI_CORE_TOKEN: async () => randomBytes(32).toString('base64url'),
  INCIDENTS_WEBHOOK_TOKEN: async () => randomBytes(32).toString('base64url'),
  AUDIT_HMAC_KEYS: async () => JSON.stringify([generateHmacJwk()]),
  AUDIT_SIGNING_KEYS: async () => JSON.stringify([generateCheckpointJwk()]),
};

/** Secrets given as a file (a mounted secret, rotated by replacing the file) rather than a value. */
const FILE_VARIABLES: Partial<Record<SecretName, 'AUDIT_HMAC_KEYS_FILE' | 'AUDIT_SIGNING_KEYS_FILE'>> = {
  AUDIT_HMAC_KEYS: 'AUDIT_HMAC_KEYS_FILE',
  AUDIT_SIGNING_KEYS: 'AUDIT_SIGNING_KEYS_FILE',
};

export const SECRET_NAMES = Object.keys(GENERATORS) as SecretName[];

export function secretsFile(config: EnvConfig): string {
  return path.join(config.DATA_DIR, 'secrets.json');
}

/** The variable an operator sets for a secret: the secret itself, or the file that holds it. */
export function secretVariable(name: SecretName): string {
  return FILE_VARIABLES[name] ?? name;
}

function givenSecret(config: EnvConfig, name: SecretName): string | undefined {
  const fileVariable = FILE_VARIABLES[name];
  if (!fileVariable) return (config as Partial<Record<SecretName, string>>)[name] || undefined;
  const file = config[fileVariable];
  if (!file) return undefined;
  try {
    return fs.readFileSync(path.resolve(file), 'utf8');
  } catch (err) {
    throw new ConfigError({ name: fileVariable, problem: `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
  }
}

export async function resolveSecrets(config: EnvConfig): Promise<Secrets> {
  const given: Partial<Record<SecretName, string>> = {};
  for (const name of SECRET_NAMES) {
    const value = givenSecret(config, name);
    if (value !== undefined) given[name] = value;
  }
  const missing = SECRET_NAMES.filter((name) => given[name] === undefined);
  const problems: ConfigProblem[] = [];
  if (config.ETHIXAI_PROFILE === 'production') {
    problems.push(...missing.map((name) => ({ name: secretVariable(name), problem: 'required in the production profile' })));
  }
  const metricsTokens = collect(problems, () => (config.ETHIXAI_METRICS ? resolveMetricsTokens({ profile: config.ETHIXAI_PROFILE, file: config.METRICS_TOKEN_FILE, dataDir: config.DATA_DIR }) : []));
  if (problems.length > 0) throw new ConfigError(problems);
  const stored = missing.length === 0 ? {} : await loadOrGenerate(secretsFile(config));
  return Object.freeze({ ...stored, ...given, METRICS_TOKENS: Object.freeze(metricsTokens ?? []) }) as Secrets;
}

/** Runs `resolve`, turning a ConfigError into problems so one message names every bad secret. */
function collect<T>(problems: ConfigProblem[], resolve: () => T): T | undefined {
  try {
    return resolve();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
    return undefined;
  }
}

async function loadOrGenerate(file: string): Promise<Record<SecretName, string>> {
  const stored = readStored(file);
  const absent = SECRET_NAMES.filter((name) => typeof stored[name] !== 'string');
  if (absent.length === 0) return stored as Record<SecretName, string>;
  for (const name of absent) stored[name] = await GENERATORS[name]();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Write then rename so a crash never leaves a half-written secrets file behind.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(stored, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return stored as Record<SecretName, string>;
}

function readStored(file: string): Partial<Record<SecretName, string>> {
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Record<SecretName, string>>;
  } catch (err) {
    throw new ConfigError({ name: file, problem: `not valid JSON (${(err as Error).message})` });
  }
}

/**
 * For operator commands that must not invent a secret (verifying with a fresh key proves nothing):
 * the given value, else the one stored in development, else a ConfigError naming the variable.
 */
export function existingSecret(config: EnvConfig, name: SecretName): string {
  const value = givenSecret(config, name) ?? (config.ETHIXAI_PROFILE === 'development' ? readStored(secretsFile(config))[name] : undefined);
  if (value === undefined) throw new ConfigError({ name: secretVariable(name), problem: 'not set (and no generated value in DATA_DIR/secrets.json)' });
  return value;
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, readTokenFile, resolveMetricsTokens, type ConfigProblem } from '@ethixai/service-kit';
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
  /**
   * The bearer tokens Alertmanager may present on POST /v1/alerts/webhook (INCIDENTS_WEBHOOK_TOKEN_FILE,
   * else INCIDENTS_WEBHOOK_TOKEN, else generated in development); empty in production without them.
   */
  readonly INCIDENTS_WEBHOOK_TOKENS: readonly string[];
  /** JSON array of HMAC JWKs sealing audit entries (audit-log/hmac-keys.ts). */
  readonly AUDIT_HMAC_KEYS: string;
  /** JSON array of Ed25519 JWKs signing audit checkpoints (audit-log/checkpoint-keys.ts). */
  readonly AUDIT_SIGNING_KEYS: string;
  /** The bearer tokens GET /metrics accepts (METRICS_TOKEN_FILE); empty when metrics are off. */
  readonly METRICS_TOKENS: readonly string[];
}

/** What DATA_DIR/secrets.json holds in development. */
type SecretName =
  'JWT_SIGNING_KEYS' | 'AI_CORE_TOKEN' | 'INCIDENTS_WEBHOOK_TOKEN' | 'AUDIT_HMAC_KEYS' | 'AUDIT_SIGNING_KEYS';

const GENERATORS: Record<SecretName, () => Promise<string>> = {
  JWT_SIGNING_KEYS: async () => JSON.stringify([await generateSigningJwk()]),
  AI_CORE_TOKEN: async () => randomBytes(32).toString('base64url'),
  INCIDENTS_WEBHOOK_TOKEN: async () => randomBytes(32).toString('base64url'),
  AUDIT_HMAC_KEYS: async () => JSON.stringify([generateHmacJwk()]),
  AUDIT_SIGNING_KEYS: async () => JSON.stringify([generateCheckpointJwk()]),
};
const STORED_NAMES = Object.keys(GENERATORS) as SecretName[];

/** Secrets given as a file (a mounted secret, rotated by replacing the file) rather than a value. */
const FILE_VARIABLES: Partial<Record<SecretName, 'AUDIT_HMAC_KEYS_FILE' | 'AUDIT_SIGNING_KEYS_FILE'>> = {
  AUDIT_HMAC_KEYS: 'AUDIT_HMAC_KEYS_FILE',
  AUDIT_SIGNING_KEYS: 'AUDIT_SIGNING_KEYS_FILE',
};

/**
 * The secrets the production profile always requires. The webhook token is required only with
 * INCIDENTS_ORG_ID: without a target organisation the webhook is off and needs no credential.
 */
export const SECRET_NAMES: readonly SecretName[] = STORED_NAMES.filter((name) => name !== 'INCIDENTS_WEBHOOK_TOKEN');

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
    throw new ConfigError({
      name: fileVariable,
      problem: `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    });
  }
}

export async function resolveSecrets(config: EnvConfig): Promise<Secrets> {
  const given: Partial<Record<SecretName, string>> = {};
  const problems: ConfigProblem[] = [];
  for (const name of STORED_NAMES) {
    const value = collect(problems, () => givenSecret(config, name));
    if (value !== undefined) given[name] = value;
  }
  const production = config.ETHIXAI_PROFILE === 'production';
  if (production) {
    for (const name of SECRET_NAMES)
      if (given[name] === undefined)
        problems.push({ name: secretVariable(name), problem: 'required in the production profile' });
    if (
      config.INCIDENTS_ORG_ID !== undefined &&
      given.INCIDENTS_WEBHOOK_TOKEN === undefined &&
      config.INCIDENTS_WEBHOOK_TOKEN_FILE === undefined
    ) {
      problems.push({
        name: 'INCIDENTS_WEBHOOK_TOKEN',
        problem: 'required in the production profile when INCIDENTS_ORG_ID is set (or INCIDENTS_WEBHOOK_TOKEN_FILE)',
      });
    }
  }
  const webhookFile = config.INCIDENTS_WEBHOOK_TOKEN_FILE;
  const webhookFileTokens =
    webhookFile === undefined
      ? undefined
      : collect(problems, () => readTokenFile('INCIDENTS_WEBHOOK_TOKEN_FILE', webhookFile));
  const metricsTokens = collect(problems, () =>
    config.ETHIXAI_METRICS
      ? resolveMetricsTokens({
          profile: config.ETHIXAI_PROFILE,
          file: config.METRICS_TOKEN_FILE,
          dataDir: config.DATA_DIR,
        })
      : [],
  );
  if (problems.length > 0) throw new ConfigError(problems);
  const missing = STORED_NAMES.some((name) => given[name] === undefined);
  const stored: Partial<Record<SecretName, string>> =
    production || !missing ? {} : await loadOrGenerate(secretsFile(config));
  const values = { ...stored, ...given };
  const webhookToken = values.INCIDENTS_WEBHOOK_TOKEN;
  return Object.freeze({
    JWT_SIGNING_KEYS: values.JWT_SIGNING_KEYS as string,
    AI_CORE_TOKEN: values.AI_CORE_TOKEN as string,
    INCIDENTS_WEBHOOK_TOKENS: Object.freeze(webhookFileTokens ?? (webhookToken === undefined ? [] : [webhookToken])),
    AUDIT_HMAC_KEYS: values.AUDIT_HMAC_KEYS as string,
    AUDIT_SIGNING_KEYS: values.AUDIT_SIGNING_KEYS as string,
    METRICS_TOKENS: Object.freeze(metricsTokens ?? []),
  });
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
  const absent = STORED_NAMES.filter((name) => typeof stored[name] !== 'string');
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
  const value =
    givenSecret(config, name) ??
    (config.ETHIXAI_PROFILE === 'development' ? readStored(secretsFile(config))[name] : undefined);
  if (value === undefined)
    throw new ConfigError({
      name: secretVariable(name),
      problem: 'not set (and no generated value in DATA_DIR/secrets.json)',
    });
  return value;
}

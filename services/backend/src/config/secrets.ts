import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@ethixai/service-kit';
import type { EnvConfig } from './env.ts';
import { generateSigningJwk } from '../auth/signing-keys.ts';

/**
 * Secrets never have defaults in code. Development: missing ones are generated once into
 * DATA_DIR/secrets.json (mode 0600) and reused on every start. Production: refuse to start,
 * naming every missing secret. A value given in the environment always wins.
 */
export interface Secrets {
  readonly JWT_SIGNING_KEYS: string;
  readonly AI_CORE_TOKEN: string;
  /** Alertmanager's `Authorization: Bearer` credential for POST /v1/alerts/webhook. */
  readonly INCIDENTS_WEBHOOK_TOKEN: string;
}

type SecretName = keyof Secrets;

const GENERATORS: Record<SecretName, () => Promise<string>> = {
  JWT_SIGNING_KEYS: async () => JSON.stringify([await generateSigningJwk()]),
  AI_CORE_TOKEN: async () => randomBytes(32).toString('base64url'),
  INCIDENTS_WEBHOOK_TOKEN: async () => randomBytes(32).toString('base64url'),
};

export const SECRET_NAMES = Object.keys(GENERATORS) as SecretName[];

export function secretsFile(config: EnvConfig): string {
  return path.join(config.DATA_DIR, 'secrets.json');
}

export async function resolveSecrets(config: EnvConfig): Promise<Secrets> {
  const given: Partial<Record<SecretName, string>> = {};
  for (const name of SECRET_NAMES) if (config[name]) given[name] = config[name];
  const missing = SECRET_NAMES.filter((name) => given[name] === undefined);
  if (missing.length === 0) return Object.freeze(given as Secrets);
  if (config.ETHIXAI_PROFILE === 'production') {
    throw new ConfigError(missing.map((name) => ({ name, problem: 'required in the production profile' })));
  }
  const stored = await loadOrGenerate(secretsFile(config));
  return Object.freeze({ ...stored, ...given });
}

async function loadOrGenerate(file: string): Promise<Secrets> {
  const stored = readStored(file);
  const absent = SECRET_NAMES.filter((name) => typeof stored[name] !== 'string');
  if (absent.length === 0) return stored as Secrets;
  for (const name of absent) stored[name] = await GENERATORS[name]();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Write then rename so a crash never leaves a half-written secrets file behind.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(stored, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return stored as Secrets;
}

function readStored(file: string): Partial<Record<SecretName, string>> {
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Record<SecretName, string>>;
  } catch (err) {
    throw new ConfigError({ name: file, problem: `not valid JSON (${(err as Error).message})` });
  }
}

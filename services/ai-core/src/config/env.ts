/**
 * The only reader of process.env in ai-core. Everything is validated once at boot and frozen;
 * a bad value stops the process with a message naming the variable instead of surfacing later.
 * Variables and defaults are listed in services/ai-core/README.md.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Profile = 'development' | 'production';

export interface AnalysisLimits {
  readonly maxJsonBytes: number;
  readonly maxCsvBytes: number;
  readonly maxRows: number;
  readonly maxColumns: number;
}

export interface TelemetryConfig {
  readonly serviceName: 'ethixai-ai-core';
  readonly logLevel: string;
  readonly metricsEnabled: boolean;
  readonly tracingEnabled: boolean;
  /** OTLP/HTTP base endpoint (e.g. http://127.0.0.1:4318); absent = spans are not exported. */
  readonly otlpEndpoint: string | undefined;
  readonly sampleRatio: number;
}

export interface ShutdownConfig {
  /** How long /ready answers 503 before the listener closes (lets a load balancer notice). */
  readonly drainDelayMs: number;
  /** Hard deadline for in-flight analyses once closing started; then the process exits 1. */
  readonly timeoutMs: number;
}

export interface AiCoreConfig {
  readonly profile: Profile;
  readonly host: string;
  readonly port: number;
  readonly shutdown: ShutdownConfig;
  readonly token: string;
  readonly dataDir: string;
  readonly limits: AnalysisLimits;
  readonly telemetry: TelemetryConfig;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const MB = 1024 * 1024;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const MIN_TOKEN_LENGTH = 16;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Telemetry variables share the backend's names; the `_ENABLED` spellings ai-core used first are
 * still read (tools/bench sets them) when the shared name is absent.
 */
function sharedName(env: Env, name: string, legacy: string): string {
  return text(env, name) === undefined && text(env, legacy) !== undefined ? legacy : name;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function ratio(env: Env, name: string, fallback: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new ConfigError(`${name} must be a number in [0, 1], got "${raw}"`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** The secret has no default: production must be given it; development may take it from the data dir. */
function serviceToken(env: Env, profile: Profile, dataDir: string): string {
  const given = text(env, 'AI_CORE_TOKEN');
  const token = given ?? (profile === 'development' ? tokenFromSecretsFile(dataDir) : undefined);
  if (token === undefined) {
    throw new ConfigError(profile === 'production'
      ? 'AI_CORE_TOKEN is required in the production profile'
      : `AI_CORE_TOKEN is not set and ${join(dataDir, 'secrets.json')} has no AI_CORE_TOKEN; ` +
        'start the stack once with `npm start` (it generates the secrets) or set AI_CORE_TOKEN');
  }
  if (token.length < MIN_TOKEN_LENGTH) throw new ConfigError(`AI_CORE_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters`);
  return token;
}

function tokenFromSecretsFile(dataDir: string): string | undefined {
  const file = join(dataDir, 'secrets.json');
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(`${file} is not valid JSON`);
  }
  // The backend's first run writes AI_CORE_TOKEN; `aiCoreToken` is the spelling the platform issue uses.
  const stored = (parsed ?? {}) as { AI_CORE_TOKEN?: unknown; aiCoreToken?: unknown };
  const token = stored.AI_CORE_TOKEN ?? stored.aiCoreToken;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

export function loadConfig(env: Env = process.env): AiCoreConfig {
  const profile = oneOf(env, 'ETHIXAI_PROFILE', ['development', 'production'] as const, 'development');
  const dataDir = resolve(text(env, 'DATA_DIR') ?? '.data');
  const otlpEndpoint = text(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  // Without a collector to send to, tracing would only produce export failures.
  const tracingEnabled = flag(env, sharedName(env, 'ETHIXAI_TRACING', 'ETHIXAI_TRACING_ENABLED'), otlpEndpoint !== undefined);
  return Object.freeze({
    profile,
    host: text(env, 'HOST') ?? '127.0.0.1',
    port: integer(env, 'PORT', 8100, 0, 65535),
    shutdown: Object.freeze({
      drainDelayMs: integer(env, 'AI_CORE_SHUTDOWN_DRAIN_MS', 0, 0, 120_000),
      timeoutMs: integer(env, 'AI_CORE_SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    }),
    token: serviceToken(env, profile, dataDir),
    dataDir,
    limits: Object.freeze({
      maxJsonBytes: integer(env, 'AI_CORE_MAX_JSON_BYTES', 64 * MB, 1, 1024 * MB),
      maxCsvBytes: integer(env, 'AI_CORE_MAX_CSV_BYTES', 200 * MB, 1, 16 * 1024 * MB),
      maxRows: integer(env, 'AI_CORE_MAX_ROWS', 5_000_000, 1, 100_000_000),
      maxColumns: integer(env, 'AI_CORE_MAX_COLUMNS', 500, 1, 100_000),
    }),
    telemetry: Object.freeze({
      serviceName: 'ethixai-ai-core' as const,
      logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
      metricsEnabled: flag(env, sharedName(env, 'ETHIXAI_METRICS', 'ETHIXAI_METRICS_ENABLED'), true),
      tracingEnabled,
      otlpEndpoint,
      sampleRatio: ratio(env, 'OTEL_TRACES_SAMPLER_RATIO', profile === 'production' ? 0.1 : 1),
    }),
  });
}

/**
 * ai-core's configuration schema: the ONLY file that reads process.env. The schema is read once
 * at boot by the kit's loader (validated, defaulted, converted, frozen; every bad variable named
 * in one ConfigError) and shaped into the `AiCoreConfig` the rest of the service receives.
 * docs/reference/config.md and .env.example are generated from this schema.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import {
  ConfigError,
  loadConfig as loadEnvSchema,
  resolveMetricsTokens,
  type EnvSource,
  type HttpTimeouts,
} from '@ethixai/service-kit';

const MB = 1024 * 1024;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const AiCoreEnvSchema = Type.Object({
  AI_CORE_TOKEN: Type.Optional(
    Type.String({
      minLength: 16,
      writeOnly: true,
      description: 'bearer token callers (the backend) must present, at least 16 characters',
    }),
  ),
  ETHIXAI_PROFILE: Type.Union([Type.Literal('development'), Type.Literal('production')], {
    default: 'development',
    description: 'production requires AI_CORE_TOKEN to be given; development falls back to DATA_DIR/secrets.json',
  }),
  DATA_DIR: Type.String({
    minLength: 1,
    default: '.data',
    description: 'shared data directory (same default as the backend), relative to the working directory',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(
    Type.String({
      description: 'OTLP/HTTP collector base URL (e.g. http://127.0.0.1:4318); unset: spans are not exported',
    }),
  ),
  // Telemetry variables share the backend's names; the `_ENABLED` spellings ai-core used first are still read.
  ETHIXAI_TRACING: Type.Optional(
    Type.Boolean({
      aliases: ['ETHIXAI_TRACING_ENABLED'],
      description: 'spans for requests and engine stages; unset: on exactly when OTEL_EXPORTER_OTLP_ENDPOINT is set',
    }),
  ),
  HOST: Type.String({ default: '127.0.0.1', description: 'listen address' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8100, description: 'listen port (0: any free port)' }),
  AI_CORE_SHUTDOWN_DRAIN_MS: Type.Integer({
    minimum: 0,
    maximum: 120_000,
    default: 0,
    description: 'after SIGTERM, how long /ready answers 503 before the listener closes',
  }),
  AI_CORE_SHUTDOWN_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 600_000,
    default: 10_000,
    description: 'deadline for in-flight analyses once the listener closed; then the process exits 1',
  }),
  AI_CORE_HEADERS_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 600_000,
    default: 10_000,
    description:
      'the request line and headers must arrive within this (at most AI_CORE_REQUEST_TIMEOUT_MS); 408 otherwise',
  }),
  AI_CORE_REQUEST_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 3_600_000,
    default: 120_000,
    description:
      'the whole request, body included, must arrive within this; 408 otherwise (a CSV body is read as fast as the scanner takes it)',
  }),
  AI_CORE_KEEP_ALIVE_TIMEOUT_MS: Type.Integer({
    minimum: 1_000,
    maximum: 600_000,
    default: 72_000,
    description: "idle keep-alive connections (the backend's pool) are closed after this",
  }),
  AI_CORE_MAX_JSON_BYTES: Type.Integer({
    minimum: 1,
    maximum: 1024 * MB,
    default: 64 * MB,
    description: 'largest JSON analysis body',
  }),
  AI_CORE_MAX_CSV_BYTES: Type.Integer({
    minimum: 1,
    maximum: 16 * 1024 * MB,
    default: 200 * MB,
    description: 'largest CSV analysis body (checked against Content-Length, then while streaming)',
  }),
  AI_CORE_MAX_ROWS: Type.Integer({
    minimum: 1,
    maximum: 100_000_000,
    default: 5_000_000,
    description: 'most data rows in one analysis',
  }),
  AI_CORE_MAX_COLUMNS: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 500,
    description: 'most columns (JSON keys or CSV header fields)',
  }),
  LOG_LEVEL: Type.Union(
    LOG_LEVELS.map((level) => Type.Literal(level)),
    { default: 'info', description: 'pino log level' },
  ),
  ETHIXAI_METRICS: Type.Boolean({
    default: true,
    aliases: ['ETHIXAI_METRICS_ENABLED'],
    description: 'Prometheus metrics at /metrics',
  }),
  METRICS_TOKEN_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'file holding the bearer token /metrics requires (one per line; Prometheus sends it with `authorization.credentials_file`); required in production, generated into DATA_DIR/secrets/metrics-token in development',
    }),
  ),
  OTEL_TRACES_SAMPLER_RATIO: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'parent-based ratio sampling of new traces; unset: 0.1 in production, 1 in development',
    }),
  ),
});

/** Secrets of this schema; the production profile refuses to start without each. */
export const SECRET_NAMES = ['AI_CORE_TOKEN'] as const;

export type AiCoreEnv = Readonly<Static<typeof AiCoreEnvSchema>>;
export type Profile = AiCoreEnv['ETHIXAI_PROFILE'];

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
  /** Deadline for in-flight analyses once the listener closed; then the process exits 1. */
  readonly timeoutMs: number;
}

export interface AiCoreConfig {
  readonly profile: Profile;
  readonly host: string;
  readonly port: number;
  readonly http: HttpTimeouts;
  readonly shutdown: ShutdownConfig;
  readonly token: string;
  /** Bearer tokens GET /metrics accepts (METRICS_TOKEN_FILE); empty when metrics are off. */
  readonly metricsTokens: readonly string[];
  readonly dataDir: string;
  readonly limits: AnalysisLimits;
  readonly telemetry: TelemetryConfig;
}

export function loadConfig(source: EnvSource = process.env): AiCoreConfig {
  const env = loadEnvSchema(AiCoreEnvSchema, source);
  const http = Object.freeze({
    headersTimeoutMs: env.AI_CORE_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.AI_CORE_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: env.AI_CORE_KEEP_ALIVE_TIMEOUT_MS,
  });
  const profile = env.ETHIXAI_PROFILE;
  const dataDir = resolve(env.DATA_DIR);
  // Both secrets are resolved before failing, so one message names every missing one.
  const problems: ConfigError[] = [];
  const attempt = <T>(resolveSecret: () => T): T | undefined => {
    try {
      return resolveSecret();
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(err);
      return undefined;
    }
  };
  const token = attempt(() => serviceToken(env.AI_CORE_TOKEN, profile, dataDir));
  const metricsTokens = attempt(() =>
    env.ETHIXAI_METRICS ? resolveMetricsTokens({ profile, file: env.METRICS_TOKEN_FILE, dataDir }) : [],
  );
  if (token === undefined || metricsTokens === undefined) throw new ConfigError(problems.flatMap((p) => p.problems));
  return Object.freeze({
    profile,
    host: env.HOST,
    port: env.PORT,
    http,
    shutdown: Object.freeze({
      drainDelayMs: env.AI_CORE_SHUTDOWN_DRAIN_MS,
      timeoutMs: env.AI_CORE_SHUTDOWN_TIMEOUT_MS,
    }),
    token,
    metricsTokens: Object.freeze(metricsTokens),
    dataDir,
    limits: Object.freeze({
      maxJsonBytes: env.AI_CORE_MAX_JSON_BYTES,
      maxCsvBytes: env.AI_CORE_MAX_CSV_BYTES,
      maxRows: env.AI_CORE_MAX_ROWS,
      maxColumns: env.AI_CORE_MAX_COLUMNS,
    }),
    telemetry: Object.freeze({
      serviceName: 'ethixai-ai-core' as const,
      logLevel: env.LOG_LEVEL,
      metricsEnabled: env.ETHIXAI_METRICS,
      // Without a collector to send to, tracing would only produce export failures.
      tracingEnabled: env.ETHIXAI_TRACING ?? env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined,
      otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
      sampleRatio: env.OTEL_TRACES_SAMPLER_RATIO ?? (profile === 'production' ? 0.1 : 1),
    }),
  });
}

/** The secret has no default: production must be given it; development may take it from the data dir. */
function serviceToken(given: string | undefined, profile: Profile, dataDir: string): string {
  if (given !== undefined) return given;
  const file = join(dataDir, 'secrets.json');
  if (profile === 'production')
    throw new ConfigError({ name: 'AI_CORE_TOKEN', problem: 'required in the production profile' });
  const stored = tokenFromSecretsFile(file);
  if (stored === undefined) {
    throw new ConfigError({
      name: 'AI_CORE_TOKEN',
      problem: `not set, and ${file} has no AI_CORE_TOKEN; start the stack once with \`npm start\` (it generates the secrets) or set AI_CORE_TOKEN`,
    });
  }
  if (stored.length < 16)
    throw new ConfigError({ name: 'AI_CORE_TOKEN', problem: `the value in ${file} must be at least 16 characters` });
  return stored;
}

function tokenFromSecretsFile(file: string): string | undefined {
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
    throw new ConfigError({ name: file, problem: 'not valid JSON' });
  }
  // The backend's first run writes AI_CORE_TOKEN; `aiCoreToken` is the spelling the platform issue uses.
  const stored = (parsed ?? {}) as { AI_CORE_TOKEN?: unknown; aiCoreToken?: unknown };
  const token = stored.AI_CORE_TOKEN ?? stored.aiCoreToken;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

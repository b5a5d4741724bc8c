import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The backend's configuration schema: the ONLY file that reads process.env. Values are validated,
 * defaulted, converted and frozen; everything else receives the resulting `EnvConfig` object.
 * Secrets (JWT_SIGNING_KEYS, AI_CORE_TOKEN, INCIDENTS_WEBHOOK_TOKEN) are optional here and resolved by `secrets.ts`,
 * which knows the profile's rules (generate in development, required in production).
 */
export const EnvSchema = Type.Object({
  ETHIXAI_PROFILE: Type.Union([Type.Literal('development'), Type.Literal('production')], { default: 'development' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 5000 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  TRUST_PROXY: Type.Union([Type.Boolean(), Type.Integer({ minimum: 0 })], {
    default: false,
    description: 'true, or the number of proxy hops to trust for the client IP (rate limits use it)',
  }),
  DATA_DIR: Type.String({ minLength: 1, default: '.data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(postgres(ql)?://|sqlite:)' })),
  SQLITE_SYNCHRONOUS: Type.Union([Type.Literal('NORMAL'), Type.Literal('FULL')], { default: 'NORMAL' }),
  AI_CORE_URL: Type.String({ default: 'http://127.0.0.1:8100' }),
  AI_CORE_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  JWT_SIGNING_KEYS: Type.Optional(Type.String({ minLength: 2, description: 'JSON array of private Ed25519 JWKs with kid; the first signs' })),
  JWT_ISSUER: Type.String({ default: 'ethixai-backend' }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 30, maximum: 86_400, default: 900 }),
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 300, default: 7 * 86_400 }),
  PRINCIPAL_CACHE_TTL_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 5_000 }),
  CORS_ORIGINS: Type.String({ default: '', description: 'Comma-separated allowlist; empty allows no cross-origin caller' }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, default: 60_000 }),
  RATE_LIMIT_USER_MAX: Type.Integer({ minimum: 1, default: 100 }),
  RATE_LIMIT_ANONYMOUS_MAX: Type.Integer({ minimum: 1, default: 300, description: 'Per IP, public routes and 404s' }),
  RATE_LIMIT_API_KEY_DEFAULT_MAX: Type.Integer({ minimum: 1, default: 100_000 }),
  RATE_LIMIT_CLASSES: Type.String({ default: '', description: 'name=max per window for users, comma-separated' }),
  LOGIN_RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 10, description: 'Per IP and per account, per window' }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), {
    default: 'info',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(Type.String()),
  OTEL_TRACES_SAMPLER_RATIO: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'parent-based ratio sampling of new traces; unset: 1 in the development profile, 0.1 in production' })),
  ETHIXAI_TRACING: Type.Boolean({ default: false }),
  ETHIXAI_METRICS: Type.Boolean({ default: true }),
  METRICS_MAX_MODEL_LABELS: Type.Integer({ minimum: 0, default: 50, description: 'Distinct model label values before the rest fold into __other__' }),
  METRICS_STATE_MAX_AGE_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1_000, description: 'How old the job-queue, incident and dependency gauges served by /metrics may be (read at scrape time; 0 = every scrape)' }),
  // decision monitoring (src/monitoring)
  MONITORING_CACHE_TTL_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1_000, description: 'How old the model/policy and live-window verdict seen by POST /v1/evaluate may be' }),
  EVALUATE_COMMIT_INTERVAL_MS: Type.Integer({ minimum: 0, maximum: 100, default: 2, description: 'Group commit: how long the first queued decision waits for company' }),
  EVALUATE_MAX_BATCH_ROWS: Type.Integer({ minimum: 1, maximum: 20_000, default: 2_000, description: 'Group commit: decisions per transaction at most' }),
  EVALUATE_MAX_QUEUE_ROWS: Type.Integer({ minimum: 1_000, default: 50_000, description: 'Decisions waiting for commit beyond which evaluate answers 503' }),
  INCIDENTS_WEBHOOK_TOKEN: Type.Optional(Type.String({ minLength: 16, description: 'Bearer token Alertmanager presents on POST /v1/alerts/webhook (secret: generated in development, required in production)' })),
  INCIDENTS_ORG_ID: Type.Optional(Type.String({ description: 'Organisation that owns webhook incidents; default: the oldest organisation' })),
  RETENTION_PURGE_INTERVAL_MS: Type.Integer({ minimum: 0, default: 3_600_000, description: 'Retention purge period; 0 disables the schedule' }),
  // datasets, analyses and jobs (src/analyses/analyses-settings.ts reads these)
  DATASET_MAX_BYTES: Type.Integer({ minimum: 1024, default: 200 * 1024 * 1024, description: 'Largest CSV upload accepted by POST /v1/datasets (bytes; 413 BE_ERR_DATASET_TOO_LARGE beyond)' }),
  ANALYSIS_BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 64 * 1024 * 1024, description: 'Largest POST /v1/analyses body (inline data included), in bytes' }),
  ANALYSIS_ASYNC_BYTES: Type.Integer({ minimum: 0, default: 8 * 1024 * 1024, description: 'Inline analysis bodies larger than this run as a job (202) instead of synchronously' }),
  ANALYSIS_ASYNC_ROWS: Type.Integer({ minimum: 0, default: 200_000, description: 'Dataset analyses of more rows than this run as a job (202) instead of synchronously' }),
  AI_CORE_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 60_000, description: 'How long the backend waits for ai-core response headers and between body chunks' }),
  JOB_POLL_MS: Type.Integer({ minimum: 10, default: 250, description: 'How often an idle job worker looks for queued analysis jobs' }),
  JOB_LEASE_MS: Type.Integer({ minimum: 1_000, default: 30_000, description: 'Lease of a running job; renewed while it runs, another worker takes it over once it lapses' }),
  JOB_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 20, default: 3, description: 'Attempts of a job failing transiently (ai-core unavailable, timeout) before it fails' }),
  JOB_WORKER: Type.Boolean({ default: true, description: 'Run an analysis job worker in this process (false: API only)' }),
});

export type RawEnv = Static<typeof EnvSchema>;
export type EnvConfig = Readonly<
  RawEnv & { DATA_DIR: string; DATABASE_URL: string; CORS_ALLOWLIST: readonly string[]; OTEL_TRACES_SAMPLER_RATIO: number }
>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const KEYS = Object.keys(EnvSchema.properties);

/** Validate an environment-like record; pure, so tests pass their own. */
export function parseEnv(source: Record<string, string | undefined>, cwd = process.cwd()): EnvConfig {
  const picked: Record<string, unknown> = {};
  for (const key of KEYS) if (source[key] !== undefined && source[key] !== '') picked[key] = source[key];
  const converted = Value.Convert(EnvSchema, Value.Default(EnvSchema, picked));
  const problems = [...Value.Errors(EnvSchema, converted)].map((e) => `${e.path.slice(1) || '(root)'}: ${e.message}`);
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  const env = converted as RawEnv;
  const dataDir = path.resolve(cwd, env.DATA_DIR);
  return Object.freeze({
    ...env,
    DATA_DIR: dataDir,
    DATABASE_URL: env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'ethixai.sqlite')}`,
    // Production samples 10 % of new traces by default (DESIGN §6); a laptop sees every trace.
    OTEL_TRACES_SAMPLER_RATIO: env.OTEL_TRACES_SAMPLER_RATIO ?? (env.ETHIXAI_PROFILE === 'production' ? 0.1 : 1),
    CORS_ALLOWLIST: Object.freeze(env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean)),
  });
}

export function loadEnv(): EnvConfig {
  return parseEnv(process.env);
}

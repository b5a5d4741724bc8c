/**
 * Prose the services' code does not carry yet. A schema `description` always wins over these, and
 * tools/repo/test/config-variables.test.ts fails on any entry that is missing, unknown or shadowed
 * by a schema description, so this file cannot drift from the code either. Move an entry into the
 * service (backend: EnvSchema `description`; ai-core: an exported variable list) and delete it here.
 */

/** Backend variables whose EnvSchema entry has no `description`. */
export const BACKEND_DESCRIPTIONS: Record<string, string> = {
  ETHIXAI_PROFILE: 'production requires every secret to be given; development generates missing ones into DATA_DIR/secrets.json',
  PORT: 'listen port (0: any free port)',
  HOST: 'listen address',
  DATA_DIR: 'data directory (secrets.json in development, the default SQLite file), relative to the working directory',
  DATABASE_URL: 'a `postgres://…` or `sqlite:<file>` URL; unset: `sqlite:<DATA_DIR>/ethixai.sqlite`',
  SQLITE_SYNCHRONOUS: 'SQLite `synchronous` pragma (FULL survives power loss at the cost of commit latency)',
  AI_CORE_URL: 'base URL of the ai-core analysis service',
  AI_CORE_TOKEN: 'bearer token the backend presents to ai-core; ai-core must be given the same value',
  JWT_ISSUER: '`iss` of the access tokens the backend signs and accepts',
  ACCESS_TOKEN_TTL_SECONDS: 'lifetime of an access token (JWT)',
  REFRESH_TOKEN_TTL_SECONDS: 'lifetime of a refresh token',
  PRINCIPAL_CACHE_TTL_MS: 'how long a user\'s role and active flag (and an API key) are cached; role changes and deactivation take effect within it',
  BODY_LIMIT_BYTES: 'largest request body on ordinary routes (dataset and analysis uploads have their own limits)',
  RATE_LIMIT_WINDOW_MS: 'length of the fixed rate-limit window',
  RATE_LIMIT_USER_MAX: 'requests per window per user and route class, unless RATE_LIMIT_CLASSES names the class',
  RATE_LIMIT_API_KEY_DEFAULT_MAX: 'requests per minute for an API key created without its own rateLimitPerMinute',
  LOG_LEVEL: 'pino log level',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'OTLP/HTTP collector base URL (e.g. http://127.0.0.1:4318); unset: spans are not exported',
  ETHIXAI_TRACING: 'OpenTelemetry spans for requests',
  ETHIXAI_METRICS: 'Prometheus metrics at /metrics',
};

/** Every ai-core variable (its env.ts has no descriptions in code). */
export const AI_CORE_DESCRIPTIONS: Record<string, string> = {
  AI_CORE_TOKEN: 'bearer token callers (the backend) must present, at least 16 characters',
  ETHIXAI_PROFILE: 'production requires AI_CORE_TOKEN to be given; development falls back to DATA_DIR/secrets.json',
  DATA_DIR: 'shared data directory (same default as the backend), relative to the working directory',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'OTLP/HTTP collector base URL (e.g. http://127.0.0.1:4318); unset: spans are not exported',
  ETHIXAI_TRACING: 'spans for requests and engine stages; default: on exactly when OTEL_EXPORTER_OTLP_ENDPOINT is set',
  HOST: 'listen address',
  PORT: 'listen port (0: any free port)',
  AI_CORE_SHUTDOWN_DRAIN_MS: 'after SIGTERM, how long /ready answers 503 before the listener closes',
  AI_CORE_SHUTDOWN_TIMEOUT_MS: 'deadline for in-flight analyses once closing started; then the process exits 1',
  AI_CORE_MAX_JSON_BYTES: 'largest JSON analysis body',
  AI_CORE_MAX_CSV_BYTES: 'largest CSV analysis body (checked against Content-Length, then while streaming)',
  AI_CORE_MAX_ROWS: 'most data rows in one analysis',
  AI_CORE_MAX_COLUMNS: 'most columns (JSON keys or CSV header fields)',
  LOG_LEVEL: 'pino log level',
  ETHIXAI_METRICS: 'Prometheus metrics at /metrics',
  OTEL_TRACES_SAMPLER_RATIO: 'parent-based ratio sampling of new traces; default: 0.1 in production, 1 in development',
};

export interface SecretNote {
  /** How an operator makes a value (shown in .env.example). */
  generate: string;
  /** For a secret no profile requires: what happens without it. Required secrets follow the profile rules. */
  optionalWhenUnset?: string;
}

const RANDOM_TOKEN = 'node -e "console.log(require(\'node:crypto\').randomBytes(32).toString(\'base64url\'))"';

/** Every variable whose name marks it as a secret, in either service. */
export const SECRET_NOTES: Record<string, SecretNote> = {
  JWT_SIGNING_KEYS: {
    generate: 'JWT_SIGNING_KEYS=[<output of: node services/backend/src/cli.ts generate-signing-key>] (prepend a new key to rotate)',
  },
  AI_CORE_TOKEN: { generate: `${RANDOM_TOKEN} (the backend and ai-core need the same value)` },
  INCIDENTS_WEBHOOK_TOKEN: { generate: `${RANDOM_TOKEN} (also give it to Alertmanager as its bearer token)` },
};

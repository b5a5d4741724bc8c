import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { loadConfig, type EnvSource } from '@ethixai/service-kit';

/**
 * The backend's configuration schema: the ONLY file that reads process.env. The kit's loader
 * validates, defaults, converts and freezes the values (every bad variable named in one
 * ConfigError); everything else receives the resulting `EnvConfig` object. docs/reference/config.md
 * and .env.example are generated from this schema.
 * Secrets (JWT_SIGNING_KEYS, AI_CORE_TOKEN, INCIDENTS_WEBHOOK_TOKEN, the token and key files) are optional here and resolved by `secrets.ts`,
 * which knows the profile's rules (generate in development, required in production).
 */
export const EnvSchema = Type.Object({
  ETHIXAI_PROFILE: Type.Union([Type.Literal('development'), Type.Literal('production')], {
    default: 'development',
    description:
      'production requires every secret to be given; development generates missing ones into DATA_DIR/secrets.json',
  }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 5000, description: 'listen port (0: any free port)' }),
  HOST: Type.String({ default: '127.0.0.1', description: 'listen address' }),
  TRUST_PROXY: Type.Union([Type.Boolean(), Type.Integer({ minimum: 0 })], {
    default: false,
    description:
      'true, or the number of proxy hops to trust for the client IP (X-Forwarded-For; rate limits and failed-authentication limits count per client IP). Leave false unless a proxy you run sets the header',
  }),
  DATA_DIR: Type.String({
    minLength: 1,
    default: '.data',
    description:
      'data directory (secrets.json in development, the default SQLite file), relative to the working directory',
  }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^(postgres(ql)?://|sqlite:)',
      description: 'a `postgres://…` or `sqlite:<file>` URL; unset: `sqlite:<DATA_DIR>/ethixai.sqlite`',
    }),
  ),
  SQLITE_SYNCHRONOUS: Type.Union([Type.Literal('NORMAL'), Type.Literal('FULL')], {
    default: 'NORMAL',
    description: 'SQLite `synchronous` pragma (FULL survives power loss at the cost of commit latency)',
  }),
  DATABASE_QUERY_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    default: 5_000,
    description:
      'PostgreSQL: a query running longer is cancelled (statement_timeout); one unanswered for a second more (a network partition) is abandoned and its connection discarded; the request answers 503 with Retry-After',
  }),
  DATABASE_CONNECT_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    default: 3_000,
    description:
      'PostgreSQL: how long a request waits to open a connection or for a free one in the pool before it answers 503 with Retry-After',
  }),
  AI_CORE_URL: Type.String({
    default: 'http://127.0.0.1:8100',
    description: 'base URL of the ai-core analysis service',
  }),
  AI_CORE_URLS: Type.Optional(
    Type.String({
      pattern: '^https?://[^,\\s]+(,https?://[^,\\s]+)*$',
      description:
        'comma-separated base URLs of several ai-core replicas (replaces AI_CORE_URL): least-busy balancing, failover of analyses, per-replica circuit breaker and liveness probe',
    }),
  ),
  AI_CORE_TOKEN: Type.Optional(
    Type.String({
      minLength: 16,
      writeOnly: true,
      description: 'bearer token the backend presents to ai-core; ai-core must be given the same value',
    }),
  ),
  JWT_SIGNING_KEYS: Type.Optional(
    Type.String({
      minLength: 2,
      writeOnly: true,
      description: 'JSON array of private Ed25519 JWKs with kid; the first signs',
    }),
  ),
  JWT_ISSUER: Type.String({
    default: 'ethixai-backend',
    description: '`iss` of the access tokens the backend signs and accepts',
  }),
  JWT_CLOCK_SKEW_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 300,
    default: 30,
    description: "how far clocks may disagree when checking an access token's `exp` and `iat`",
  }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({
    minimum: 30,
    maximum: 86_400,
    default: 900,
    description: 'lifetime of an access token (JWT)',
  }),
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({
    minimum: 300,
    default: 7 * 86_400,
    description: 'lifetime of a refresh token',
  }),
  PRINCIPAL_CACHE_TTL_MS: Type.Integer({
    minimum: 0,
    maximum: 60_000,
    default: 5_000,
    description:
      "how long a user's role and active flag (and an API key) are cached; role changes and deactivation take effect within it",
  }),
  CORS_ORIGINS: Type.Array(Type.String(), {
    default: [],
    description: 'Comma-separated allowlist; empty allows no cross-origin caller',
  }),
  HTTP_HEADERS_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 600_000,
    default: 10_000,
    description:
      'the request line and headers must arrive within this (at most HTTP_REQUEST_TIMEOUT_MS); 408 otherwise',
  }),
  HTTP_REQUEST_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 3_600_000,
    default: 60_000,
    description:
      'the whole request, body included, must arrive within this; 408 otherwise (at the default a 200 MB dataset upload needs 27 Mbit/s: raise it for slower clients)',
  }),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: Type.Integer({
    minimum: 1_000,
    maximum: 600_000,
    default: 72_000,
    description:
      "idle keep-alive connections are closed after this (longer than a load balancer's idle timeout, 60 s on most)",
  }),
  BODY_LIMIT_BYTES: Type.Integer({
    minimum: 1024,
    default: 1_048_576,
    description: 'largest request body on ordinary routes (dataset and analysis uploads have their own limits)',
  }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({
    minimum: 1000,
    default: 60_000,
    description: "length of a rate-limit window; a caller's window starts with its first request",
  }),
  RATE_LIMIT_USER_MAX: Type.Integer({
    minimum: 1,
    default: 100,
    description:
      'requests per window per user, all routes together except those of a class named in RATE_LIMIT_CLASSES',
  }),
  RATE_LIMIT_ANONYMOUS_MAX: Type.Integer({ minimum: 1, default: 300, description: 'Per IP, public routes and 404s' }),
  RATE_LIMIT_API_KEY_DEFAULT_MAX: Type.Integer({
    minimum: 1,
    default: 100_000,
    description: 'requests per minute for an API key created without its own rateLimitPerMinute',
  }),
  RATE_LIMIT_CLASSES: Type.String({
    default: '',
    description:
      'name=max per window for users on the routes of that class, counted apart from RATE_LIMIT_USER_MAX; comma-separated',
  }),
  LOGIN_RATE_LIMIT_MAX: Type.Integer({
    minimum: 1,
    default: 10,
    description: 'login attempts per IP and per account, per RATE_LIMIT_WINDOW_MS',
  }),
  LOGIN_FAILURES_PER_ACCOUNT: Type.Integer({
    minimum: 1,
    default: 5,
    description:
      'failed logins of one account within LOGIN_FAILURE_WINDOW_MS before it is locked (429 BE_ERR_LOGIN_LOCKED)',
  }),
  LOGIN_FAILURES_PER_ADDRESS: Type.Integer({
    minimum: 1,
    default: 20,
    description: 'failed logins from one client address within LOGIN_FAILURE_WINDOW_MS before it is locked',
  }),
  LOGIN_FAILURE_WINDOW_MS: Type.Integer({
    minimum: 1000,
    default: 3_600_000,
    description:
      "how long failed logins are remembered (from the first failure); a successful login forgets its account's",
  }),
  LOGIN_LOCKOUT_BASE_MS: Type.Integer({
    minimum: 1000,
    default: 60_000,
    description: 'the first lockout; every further failure doubles it',
  }),
  LOGIN_LOCKOUT_MAX_MS: Type.Integer({
    minimum: 1000,
    default: 900_000,
    description: "the longest lockout (bounds how long someone else's failures can lock an account)",
  }),
  AUTH_FAILURES_MAX: Type.Integer({
    minimum: 1,
    default: 30,
    description:
      'failed authentications (bad access token or API key) per client address within AUTH_FAILURE_WINDOW_MS; beyond, 429 BE_ERR_AUTH_THROTTLED before credentials are checked',
  }),
  AUTH_FAILURE_WINDOW_MS: Type.Integer({
    minimum: 1000,
    default: 900_000,
    description: "window of AUTH_FAILURES_MAX, from the address's first failure",
  }),
  // load shedding (src/plugins/load-shedding.ts): above any limit, requests get 503 BE_ERR_OVERLOADED.
  // All off by default: the first 1 s sample covers start-up work (1.9 s of event loop delay measured
  // here on a loaded machine), and memory limits depend on the deployment.
  PRESSURE_MAX_EVENT_LOOP_DELAY_MS: Type.Integer({
    minimum: 0,
    default: 0,
    description: 'Mean event loop delay over a 1 s sample above which requests are shed (e.g. 1000); 0 disables',
  }),
  PRESSURE_MAX_HEAP_USED_BYTES: Type.Integer({
    minimum: 0,
    default: 0,
    description: 'V8 heap in use above which requests are shed (e.g. 85 % of --max-old-space-size); 0 disables',
  }),
  PRESSURE_MAX_RSS_BYTES: Type.Integer({
    minimum: 0,
    default: 0,
    description:
      'Resident set size above which requests are shed (e.g. 90 % of the container memory limit); 0 disables',
  }),
  PRESSURE_MAX_EVENT_LOOP_UTILIZATION: Type.Number({
    minimum: 0,
    maximum: 1,
    default: 0,
    description: 'Event loop utilisation (0-1) over a 1 s sample above which requests are shed (e.g. 0.98); 0 disables',
  }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    {
      default: 'info',
      description: 'pino log level',
    },
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(
    Type.String({
      description: 'OTLP/HTTP collector base URL (e.g. http://127.0.0.1:4318); unset: spans are not exported',
    }),
  ),
  OTEL_TRACES_SAMPLER_RATIO: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'parent-based ratio sampling of new traces; unset: 1 in the development profile, 0.1 in production',
    }),
  ),
  ETHIXAI_TRACING: Type.Boolean({ default: false, description: 'OpenTelemetry spans for requests' }),
  ETHIXAI_METRICS: Type.Boolean({ default: true, description: 'Prometheus metrics at /metrics' }),
  METRICS_TOKEN_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'file holding the bearer token /metrics requires (one per line; Prometheus sends it with `authorization.credentials_file`); required in production, generated into DATA_DIR/secrets/metrics-token in development',
    }),
  ),
  METRICS_MAX_MODEL_LABELS: Type.Integer({
    minimum: 0,
    default: 50,
    description: 'Distinct model label values before the rest fold into __other__',
  }),
  METRICS_STATE_MAX_AGE_MS: Type.Integer({
    minimum: 0,
    maximum: 60_000,
    default: 1_000,
    description:
      'How old the job-queue, incident and dependency gauges served by /metrics may be (read at scrape time; 0 = every scrape)',
  }),
  // decision monitoring (src/monitoring)
  MONITORING_CACHE_TTL_MS: Type.Integer({
    minimum: 0,
    maximum: 60_000,
    default: 1_000,
    description: 'How old the model/policy and live-window verdict seen by POST /v1/evaluate may be',
  }),
  EVALUATE_COMMIT_INTERVAL_MS: Type.Integer({
    minimum: 0,
    maximum: 100,
    default: 2,
    description: 'Group commit: how long the first queued decision waits for company',
  }),
  EVALUATE_MAX_BATCH_ROWS: Type.Integer({
    minimum: 1,
    maximum: 20_000,
    default: 2_000,
    description: 'Group commit: decisions per transaction at most',
  }),
  EVALUATE_MAX_QUEUE_ROWS: Type.Integer({
    minimum: 1_000,
    default: 50_000,
    description: 'Decisions waiting for commit beyond which evaluate answers 503',
  }),
  ADMIN_PASSWORD_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        "file holding the first admin's password (first line); with it the first run creates admin@ethixai.local and prints no password, and `cli.ts create-admin` reads it. The production profile never prints a password, so it needs this (or --admin-password-file) to create an admin",
    }),
  ),
  INCIDENTS_ORG_ID: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      description:
        "organisation that owns the incidents Alertmanager's webhook opens; it must exist at start. Unset: POST /v1/alerts/webhook answers 503 BE_ERR_WEBHOOK_DISABLED",
    }),
  ),
  INCIDENTS_WEBHOOK_TOKEN: Type.Optional(
    Type.String({
      minLength: 16,
      writeOnly: true,
      description:
        'bearer token Alertmanager presents on POST /v1/alerts/webhook (its `http_config.authorization.credentials_file`); generated in development; production requires it (or INCIDENTS_WEBHOOK_TOKEN_FILE) when INCIDENTS_ORG_ID is set',
    }),
  ),
  INCIDENTS_WEBHOOK_TOKEN_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'file holding the webhook bearer token(s), one per line (the same file Alertmanager reads); wins over INCIDENTS_WEBHOOK_TOKEN',
    }),
  ),
  RETENTION_PURGE_INTERVAL_MS: Type.Integer({
    minimum: 0,
    default: 3_600_000,
    description: 'Retention purge period; 0 disables the schedule',
  }),
  // datasets, analyses and jobs (src/analyses/analyses-settings.ts reads these)
  DATASET_MAX_BYTES: Type.Integer({
    minimum: 1024,
    default: 200 * 1024 * 1024,
    description: 'Largest CSV upload accepted by POST /v1/datasets (bytes; 413 BE_ERR_DATASET_TOO_LARGE beyond)',
  }),
  ANALYSIS_BODY_LIMIT_BYTES: Type.Integer({
    minimum: 1024,
    default: 64 * 1024 * 1024,
    description: 'Largest POST /v1/analyses body (inline data included), in bytes',
  }),
  ANALYSIS_ASYNC_BYTES: Type.Integer({
    minimum: 0,
    default: 8 * 1024 * 1024,
    description: 'Inline analysis bodies larger than this run as a job (202) instead of synchronously',
  }),
  ANALYSIS_ASYNC_ROWS: Type.Integer({
    minimum: 0,
    default: 200_000,
    description: 'Dataset analyses of more rows than this run as a job (202) instead of synchronously',
  }),
  AI_CORE_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    default: 60_000,
    description: 'How long the backend waits for ai-core response headers and between body chunks',
  }),
  JOB_POLL_MS: Type.Integer({
    minimum: 10,
    default: 250,
    description: 'How often an idle job worker looks for queued analysis jobs',
  }),
  JOB_LEASE_MS: Type.Integer({
    minimum: 1_000,
    default: 30_000,
    description: 'Lease of a running job; renewed while it runs, another worker takes it over once it lapses',
  }),
  JOB_MAX_ATTEMPTS: Type.Integer({
    minimum: 1,
    maximum: 20,
    default: 3,
    description: 'Attempts of a job failing transiently (ai-core unavailable, timeout) before it fails',
  }),
  IDEMPOTENCY_LEASE_MS: Type.Integer({
    minimum: 300,
    default: 5_000,
    description:
      "Lease of an in-flight Idempotency-Key: its process renews it every third of this while the request runs; a crashed process's key is free again within this long",
  }),
  JOB_WORKER: Type.Boolean({
    default: true,
    description: 'Run an analysis job worker in this process (false: API only)',
  }),
  // audit trail (src/audit-log): keyed entries, signed checkpoints outside the database
  AUDIT_HMAC_KEYS_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'file holding the audit entry HMAC keys: a JSON array of {"kty":"oct","kid","k"} JWKs, the first seals new entries',
    }),
  ),
  AUDIT_SIGNING_KEYS_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'file holding the audit checkpoint signing keys: a JSON array of Ed25519 JWKs with kid, the first (private) signs',
    }),
  ),
  AUDIT_CHECKPOINT_DIR: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'directory of the signed checkpoint log (audit-checkpoints.jsonl), on a volume every replica shares and that outlives pods; unset: <DATA_DIR>/audit-checkpoints in development, required in production',
    }),
  ),
  AUDIT_CHECKPOINT_INTERVAL_MS: Type.Integer({
    minimum: 50,
    maximum: 60_000,
    default: 60_000,
    description: 'how often the replica holding the checkpoint lease signs a checkpoint of the audit chains that grew',
  }),
  // the web UI (src/web/web-plugin.ts)
  WEB_UI: Type.Boolean({
    default: true,
    description:
      'Serve the web UI at /app/ (false: API only); when true the built UI must exist or the backend refuses to start',
  }),
  WEB_UI_DIR: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'The built UI (index.html and assets/); default: web/dist of this checkout, built by `npm run build` (npm ci runs it)',
    }),
  ),
  // graceful shutdown (server.ts, through the service kit)
  SHUTDOWN_DRAIN_MS: Type.Integer({
    minimum: 0,
    maximum: 120_000,
    default: 0,
    description: 'after SIGTERM, how long /ready answers 503 before the listener closes',
  }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 600_000,
    default: 10_000,
    description: 'deadline for in-flight requests once the listener closed; then the process exits 1',
  }),
});

export type RawEnv = Static<typeof EnvSchema>;
export type EnvConfig = Readonly<
  RawEnv & {
    DATA_DIR: string;
    DATABASE_URL: string;
    CORS_ALLOWLIST: readonly string[];
    OTEL_TRACES_SAMPLER_RATIO: number;
  }
>;

/** Validate an environment-like record; pure, so tests pass their own. */
export function parseEnv(source: EnvSource, cwd = process.cwd()): EnvConfig {
  const env = loadConfig(EnvSchema, source);
  const dataDir = path.resolve(cwd, env.DATA_DIR);
  return Object.freeze({
    ...env,
    DATA_DIR: dataDir,
    DATABASE_URL: env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'ethixai.sqlite')}`,
    // Production samples 10 % of new traces by default (DESIGN §6); a laptop sees every trace.
    OTEL_TRACES_SAMPLER_RATIO: env.OTEL_TRACES_SAMPLER_RATIO ?? (env.ETHIXAI_PROFILE === 'production' ? 0.1 : 1),
    CORS_ALLOWLIST: env.CORS_ORIGINS,
  });
}

export function loadEnv(): EnvConfig {
  return parseEnv(process.env);
}

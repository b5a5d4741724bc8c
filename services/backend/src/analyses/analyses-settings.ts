import type { EnvConfig } from '../config/env.ts';
import type { Secrets } from '../config/secrets.ts';
import { AI_CORE_CLIENT_DEFAULTS, type AiCoreClientOptions } from '../ai-core-client/ai-core-client.ts';

/**
 * Tunables of datasets, analyses, jobs and idempotency. They come from the backend's env schema
 * (config/env.ts) when it declares them; until it does, these defaults apply.
 */
export interface AnalysesEnv {
  DATASET_MAX_BYTES: number;
  ANALYSIS_BODY_LIMIT_BYTES: number;
  ANALYSIS_ASYNC_BYTES: number;
  ANALYSIS_ASYNC_ROWS: number;
  AI_CORE_TIMEOUT_MS: number;
  JOB_POLL_MS: number;
  JOB_LEASE_MS: number;
  JOB_MAX_ATTEMPTS: number;
  JOB_WORKER: boolean;
  IDEMPOTENCY_LEASE_MS: number;
}

export const ANALYSES_ENV_DEFAULTS: AnalysesEnv = {
  DATASET_MAX_BYTES: 200 * 1024 * 1024,
  ANALYSIS_BODY_LIMIT_BYTES: 64 * 1024 * 1024,
  ANALYSIS_ASYNC_BYTES: 8 * 1024 * 1024,
  ANALYSIS_ASYNC_ROWS: 200_000,
  AI_CORE_TIMEOUT_MS: AI_CORE_CLIENT_DEFAULTS.timeoutMs,
  JOB_POLL_MS: 250,
  JOB_LEASE_MS: 30_000,
  JOB_MAX_ATTEMPTS: 3,
  JOB_WORKER: true,
  IDEMPOTENCY_LEASE_MS: 5_000,
};

export interface AnalysesSettings extends AnalysesEnv {
  readonly aiCore: AiCoreClientOptions;
  readonly datasetBlockBytes: number;
  readonly previewRows: number;
  readonly idempotencyTtlMs: number;
  /** Renewal period of this process's in-flight idempotency claims: a third of their lease. */
  readonly idempotencyRenewMs: number;
  /** Rows written before migration 0007 (no lease) are stale this long after they were created. */
  readonly idempotencyLegacyStaleMs: number;
  /** In-memory cache of report bodies (reports are immutable): byte budget and entry lifetime. */
  readonly reportCacheBytes: number;
  readonly reportCacheTtlMs: number;
}

export function analysesSettings(
  config: EnvConfig,
  secrets: Secrets,
  overrides: Partial<AnalysesEnv> = {},
): AnalysesSettings {
  const env: AnalysesEnv = { ...ANALYSES_ENV_DEFAULTS };
  const given = config as unknown as Partial<Record<keyof AnalysesEnv, unknown>>;
  for (const key of Object.keys(env) as (keyof AnalysesEnv)[]) {
    if (typeof given[key] === typeof env[key]) (env as unknown as Record<string, unknown>)[key] = given[key];
  }
  Object.assign(env, overrides);
  return {
    ...env,
    aiCore: {
      ...AI_CORE_CLIENT_DEFAULTS,
      urls: config.AI_CORE_URLS ? config.AI_CORE_URLS.split(',') : [config.AI_CORE_URL],
      token: secrets.AI_CORE_TOKEN,
      timeoutMs: env.AI_CORE_TIMEOUT_MS,
    },
    datasetBlockBytes: 4 * 1024 * 1024,
    previewRows: 20,
    idempotencyTtlMs: 24 * 60 * 60 * 1000,
    idempotencyRenewMs: Math.max(10, Math.floor(env.IDEMPOTENCY_LEASE_MS / 3)),
    // Longer than any analysis may take (the ai-core timeout): such a row may belong to a live older replica.
    idempotencyLegacyStaleMs: env.AI_CORE_TIMEOUT_MS * 2 + 60_000,
    reportCacheBytes: 64 * 1024 * 1024,
    reportCacheTtlMs: 10 * 60 * 1000,
  };
}

import path from 'node:path';
import { ConfigError } from '../config/config-error.ts';
import { loadOrCreateTokenFile, readTokenFile } from './secret-file.ts';

export const METRICS_TOKEN_VARIABLE = 'METRICS_TOKEN_FILE';

/** Where the development profile keeps the scrape credential, inside DATA_DIR (both services share it). */
export function developmentMetricsTokenFile(dataDir: string): string {
  return path.join(dataDir, 'secrets', 'metrics-token');
}

export interface MetricsTokenSettings {
  readonly profile: 'development' | 'production';
  /** METRICS_TOKEN_FILE, when set. */
  readonly file: string | undefined;
  readonly dataDir: string;
}

/**
 * The bearer tokens /metrics accepts. A configured file is read (every line a token); production
 * refuses to start without one; development generates one into DATA_DIR/secrets/metrics-token, a
 * file a local Prometheus can use as its `credentials_file` as it is.
 */
export function resolveMetricsTokens(settings: MetricsTokenSettings): string[] {
  if (settings.file !== undefined) return readTokenFile(METRICS_TOKEN_VARIABLE, settings.file);
  if (settings.profile === 'production') {
    throw new ConfigError({
      name: METRICS_TOKEN_VARIABLE,
      problem: 'required in the production profile (a file holding the bearer token Prometheus scrapes /metrics with)',
    });
  }
  return loadOrCreateTokenFile(METRICS_TOKEN_VARIABLE, developmentMetricsTokenFile(settings.dataDir));
}

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@ethixai/service-kit';
import { parseEnv } from '../../src/config/env.ts';
import { analysesSettings } from '../../src/analyses/analyses-settings.ts';

describe('parseEnv', () => {
  it('applies defaults: port 5000, SQLite file under DATA_DIR, development profile', () => {
    const cfg = parseEnv({}, '/srv/app');
    expect(cfg.PORT).toBe(5000);
    expect(cfg.ETHIXAI_PROFILE).toBe('development');
    expect(cfg.DATA_DIR).toBe(path.resolve('/srv/app/.data'));
    expect(cfg.DATABASE_URL).toBe(`sqlite:${path.resolve('/srv/app/.data/ethixai.sqlite')}`);
    expect(cfg.AI_CORE_URL).toBe('http://127.0.0.1:8100');
    expect(cfg.RATE_LIMIT_USER_MAX).toBe(100);
    expect(cfg.RATE_LIMIT_API_KEY_DEFAULT_MAX).toBe(100_000);
    expect(cfg.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(cfg.CORS_ALLOWLIST).toEqual([]);
  });

  it('converts strings to numbers and booleans, splits the CORS allowlist, and freezes the result', () => {
    const cfg = parseEnv({
      PORT: '8080',
      TRUST_PROXY: 'true',
      CORS_ORIGINS: 'https://a.test, https://b.test',
      ETHIXAI_TRACING: 'true',
    });
    expect(cfg.PORT).toBe(8080);
    expect(cfg.TRUST_PROXY).toBe(true);
    expect(cfg.ETHIXAI_TRACING).toBe(true);
    expect(cfg.CORS_ALLOWLIST).toEqual(['https://a.test', 'https://b.test']);
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it('samples every new trace in development and 10 % in production unless told otherwise', () => {
    expect(parseEnv({}).OTEL_TRACES_SAMPLER_RATIO).toBe(1);
    expect(parseEnv({ ETHIXAI_PROFILE: 'production' }).OTEL_TRACES_SAMPLER_RATIO).toBe(0.1);
    expect(
      parseEnv({ ETHIXAI_PROFILE: 'production', OTEL_TRACES_SAMPLER_RATIO: '0.5' }).OTEL_TRACES_SAMPLER_RATIO,
    ).toBe(0.5);
  });

  it('keeps a postgres DATABASE_URL as given', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@h/db' }).DATABASE_URL).toBe('postgres://u:p@h/db');
  });

  it('rejects invalid values naming each field', () => {
    let message = '';
    try {
      parseEnv({ PORT: 'eighty', ETHIXAI_PROFILE: 'staging', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toBe(
      'Invalid configuration: ETHIXAI_PROFILE: must be one of development, production, got "staging"; ' +
        'PORT: must be a whole number from 0 to 65535, got "eighty"; ' +
        'DATABASE_URL: must be text matching ^(postgres(ql)?://|sqlite:), got "mysql://x"',
    );
  });

  it('declares the datasets/analyses/jobs settings with the defaults the code used, and the code reads them from the config', () => {
    const cfg = parseEnv({});
    expect([
      cfg.DATASET_MAX_BYTES,
      cfg.ANALYSIS_BODY_LIMIT_BYTES,
      cfg.ANALYSIS_ASYNC_BYTES,
      cfg.ANALYSIS_ASYNC_ROWS,
    ]).toEqual([209_715_200, 67_108_864, 8_388_608, 200_000]);
    expect([cfg.AI_CORE_TIMEOUT_MS, cfg.JOB_POLL_MS, cfg.JOB_LEASE_MS, cfg.JOB_MAX_ATTEMPTS, cfg.JOB_WORKER]).toEqual([
      60_000,
      250,
      30_000,
      3,
      true,
    ]);
    const given = parseEnv({
      DATASET_MAX_BYTES: '5000',
      ANALYSIS_BODY_LIMIT_BYTES: '4096',
      ANALYSIS_ASYNC_BYTES: '1000',
      ANALYSIS_ASYNC_ROWS: '10',
      AI_CORE_TIMEOUT_MS: '1500',
      JOB_POLL_MS: '20',
      JOB_LEASE_MS: '2000',
      JOB_MAX_ATTEMPTS: '5',
      JOB_WORKER: 'false',
    });
    const settings = analysesSettings(given, {
      JWT_SIGNING_KEYS: '[]',
      AI_CORE_TOKEN: 't'.repeat(32),
      INCIDENTS_WEBHOOK_TOKENS: ['w'.repeat(32)],
      AUDIT_HMAC_KEYS: '[]',
      AUDIT_SIGNING_KEYS: '[]',
      METRICS_TOKENS: [],
    });
    expect(settings).toMatchObject({
      DATASET_MAX_BYTES: 5000,
      ANALYSIS_BODY_LIMIT_BYTES: 4096,
      ANALYSIS_ASYNC_BYTES: 1000,
      ANALYSIS_ASYNC_ROWS: 10,
      AI_CORE_TIMEOUT_MS: 1500,
      JOB_POLL_MS: 20,
      JOB_LEASE_MS: 2000,
      JOB_MAX_ATTEMPTS: 5,
      JOB_WORKER: false,
    });
    expect(settings.aiCore.timeoutMs).toBe(1500);
    expect(() => parseEnv({ JOB_MAX_ATTEMPTS: '0' })).toThrow(/JOB_MAX_ATTEMPTS/);
  });
});

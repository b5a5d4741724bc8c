import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../../src/config/env.ts';

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
    const cfg = parseEnv({ PORT: '8080', TRUST_PROXY: 'true', CORS_ORIGINS: 'https://a.test, https://b.test', ETHIXAI_TRACING: 'true' });
    expect(cfg.PORT).toBe(8080);
    expect(cfg.TRUST_PROXY).toBe(true);
    expect(cfg.ETHIXAI_TRACING).toBe(true);
    expect(cfg.CORS_ALLOWLIST).toEqual(['https://a.test', 'https://b.test']);
    expect(Object.isFrozen(cfg)).toBe(true);
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
    expect(message).toMatch(/^Invalid configuration: /);
    for (const field of ['PORT', 'ETHIXAI_PROFILE', 'DATABASE_URL']) expect(message).toContain(field);
  });
});

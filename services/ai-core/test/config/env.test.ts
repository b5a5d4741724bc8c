import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@ethixai/service-kit';
import { loadConfig, type AiCoreConfig } from '../../src/config/env.ts';

const TOKEN = 'a-service-token-of-some-length';

function parseProblem(text: string): { name: string; problem: string } {
  const at = text.indexOf(': ');
  return { name: text.slice(0, at), problem: text.slice(at + 2) };
}

/** A fresh DATA_DIR, so the development profile's generated scrape token never lands in the repository. */
const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'aic-env-'));

function metricsTokenFile(...tokens: string[]): string {
  const file = join(tempDataDir(), 'metrics-token');
  writeFileSync(file, `${tokens.join('\n')}\n`);
  return file;
}

/** loadConfig over a fresh DATA_DIR with the service token given. */
const load = (env: Record<string, string> = {}): AiCoreConfig =>
  loadConfig({ AI_CORE_TOKEN: TOKEN, DATA_DIR: tempDataDir(), ...env });

function dataDirWith(secrets: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'aic-env-'));
  writeFileSync(join(dir, 'secrets.json'), typeof secrets === 'string' ? secrets : JSON.stringify(secrets));
  return dir;
}

describe('loadConfig', () => {
  it('applies the documented defaults and freezes the result', () => {
    const config = load();
    expect(config.profile).toBe('development');
    expect(config.port).toBe(8100);
    expect(config.host).toBe('127.0.0.1');
    expect(config.limits).toEqual({
      maxJsonBytes: 64 * 1024 * 1024,
      maxCsvBytes: 200 * 1024 * 1024,
      maxRows: 5_000_000,
      maxColumns: 500,
    });
    expect(config.telemetry.sampleRatio).toBe(1);
    expect(config.telemetry.serviceName).toBe('ethixai-ai-core');
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.limits)).toBe(true);
  });

  it('reads limits, port and telemetry settings', () => {
    const config = load({
      PORT: '0',
      AI_CORE_MAX_ROWS: '10',
      AI_CORE_MAX_COLUMNS: '3',
      AI_CORE_MAX_JSON_BYTES: '1000',
      AI_CORE_MAX_CSV_BYTES: '2000',
      OTEL_TRACES_SAMPLER_RATIO: '0.25',
      ETHIXAI_TRACING: 'false',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
    });
    expect(config.port).toBe(0);
    expect(config.limits).toEqual({ maxJsonBytes: 1000, maxCsvBytes: 2000, maxRows: 10, maxColumns: 3 });
    expect(config.telemetry).toMatchObject({
      sampleRatio: 0.25,
      tracingEnabled: false,
      otlpEndpoint: 'http://127.0.0.1:4318',
    });
  });

  it('turns tracing on with an OTLP endpoint, metrics off by the shared or the older name', () => {
    expect(load().telemetry.tracingEnabled).toBe(false);
    expect(load({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }).telemetry.tracingEnabled).toBe(true);
    expect(load({ ETHIXAI_METRICS: 'false' }).telemetry.metricsEnabled).toBe(false);
    expect(load({ ETHIXAI_METRICS_ENABLED: 'false' }).telemetry.metricsEnabled).toBe(false);
    expect(load({ ETHIXAI_METRICS: 'true', ETHIXAI_METRICS_ENABLED: 'false' }).telemetry.metricsEnabled).toBe(true);
  });

  it('samples 10 % by default in production', () => {
    expect(
      load({ ETHIXAI_PROFILE: 'production', METRICS_TOKEN_FILE: metricsTokenFile('m'.repeat(32)) }).telemetry
        .sampleRatio,
    ).toBe(0.1);
  });

  it('refuses to start in production without the token, even if a secrets file exists', () => {
    const dir = dataDirWith({ AI_CORE_TOKEN: TOKEN });
    expect(() =>
      loadConfig({
        ETHIXAI_PROFILE: 'production',
        DATA_DIR: dir,
        METRICS_TOKEN_FILE: metricsTokenFile('m'.repeat(32)),
      }),
    ).toThrow(/^Invalid configuration: AI_CORE_TOKEN: required in the production profile$/);
  });

  it('refuses to start in production without a scrape token file, naming it with the other missing secret', () => {
    expect(() => loadConfig({ ETHIXAI_PROFILE: 'production', DATA_DIR: tempDataDir() })).toThrow(
      /^Invalid configuration: AI_CORE_TOKEN: required in the production profile; METRICS_TOKEN_FILE: required in the production profile/,
    );
    expect(load({ ETHIXAI_PROFILE: 'production', ETHIXAI_METRICS: 'false' }).metricsTokens).toEqual([]);
  });

  it('reads every token of METRICS_TOKEN_FILE and refuses a short or missing one', () => {
    expect(load({ METRICS_TOKEN_FILE: metricsTokenFile('a'.repeat(20), 'b'.repeat(20)) }).metricsTokens).toEqual([
      'a'.repeat(20),
      'b'.repeat(20),
    ]);
    expect(() => load({ METRICS_TOKEN_FILE: metricsTokenFile('short') })).toThrow(
      /METRICS_TOKEN_FILE: every token in .* must be at least 16 characters/,
    );
    expect(() => load({ METRICS_TOKEN_FILE: '/nonexistent/metrics-token' })).toThrow(
      /METRICS_TOKEN_FILE: cannot read \/nonexistent\/metrics-token \(ENOENT\)/,
    );
  });

  it('generates the scrape token into DATA_DIR/secrets/metrics-token in development (mode 0600) and reuses it', () => {
    const dir = tempDataDir();
    const first = load({ DATA_DIR: dir }).metricsTokens;
    const file = join(dir, 'secrets', 'metrics-token');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first).toEqual([readFileSync(file, 'utf8').trim()]);
    expect(first[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(load({ DATA_DIR: dir }).metricsTokens).toEqual(first);
  });

  it('takes the token from DATA_DIR/secrets.json in development (either spelling)', () => {
    expect(loadConfig({ DATA_DIR: dataDirWith({ AI_CORE_TOKEN: TOKEN }) }).token).toBe(TOKEN);
    expect(loadConfig({ DATA_DIR: dataDirWith({ aiCoreToken: `${TOKEN}-2` }) }).token).toBe(`${TOKEN}-2`);
    expect(
      loadConfig({ AI_CORE_TOKEN: 'env-token-wins-over-file', DATA_DIR: dataDirWith({ AI_CORE_TOKEN: TOKEN }) }).token,
    ).toBe('env-token-wins-over-file');
  });

  it('fails with a message naming the secrets file when development has no token', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aic-env-'));
    expect(() => loadConfig({ DATA_DIR: dir })).toThrow(
      /AI_CORE_TOKEN: not set, and .*secrets\.json has no AI_CORE_TOKEN/,
    );
    expect(() => loadConfig({ DATA_DIR: dataDirWith('{not json') })).toThrow(/secrets\.json: not valid JSON/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: must be a whole number from 0 to 65535, got "eighty"'],
    [{ PORT: '70000' }, 'PORT: must be a whole number from 0 to 65535, got "70000"'],
    [{ PORT: '80.5' }, 'PORT: must be a whole number from 0 to 65535, got "80.5"'],
    [{ AI_CORE_MAX_ROWS: '0' }, 'AI_CORE_MAX_ROWS: must be a whole number from 1 to 100000000, got "0"'],
    [{ ETHIXAI_PROFILE: 'staging' }, 'ETHIXAI_PROFILE: must be one of development, production, got "staging"'],
    [{ OTEL_TRACES_SAMPLER_RATIO: '2' }, 'OTEL_TRACES_SAMPLER_RATIO: must be a number from 0 to 1, got "2"'],
    [{ ETHIXAI_METRICS: 'maybe' }, 'ETHIXAI_METRICS: must be true or false (also 1/0, on/off, yes/no), got "maybe"'],
    [
      { ETHIXAI_METRICS_ENABLED: 'maybe' },
      'ETHIXAI_METRICS_ENABLED: must be true or false (also 1/0, on/off, yes/no), got "maybe"',
    ],
    // A secret's value never appears in the message.
    [{ AI_CORE_TOKEN: 'short' }, 'AI_CORE_TOKEN: must be text of at least 16 characters'],
  ])('rejects %o', (env, problem) => {
    expect(() => load({ ...env })).toThrow(new ConfigError(parseProblem(problem)));
  });

  it('names every bad variable in one error', () => {
    expect(() => load({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(
      'Invalid configuration: PORT: must be a whole number from 0 to 65535, got "x"; ' +
        'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    );
  });
});

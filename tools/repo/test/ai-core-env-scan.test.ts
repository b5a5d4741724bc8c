import { describe, expect, it } from 'vitest';
import { scanEnvReads } from '../src/ai-core-env-scan.ts';

// A miniature of services/ai-core/src/config/env.ts with every shape the scan understands.
const SOURCE = `
const MB = 1024 * 1024;
const LEVELS = ['info', 'debug'];
function text(env: Env, name: string) { return env[name]; }
function sharedName(env: Env, name: string, legacy: string) { return text(env, name) ?? text(env, legacy); }
export function loadConfig(env: Env) {
  const profile = oneOf(env, 'ETHIXAI_PROFILE', ['development', 'production'] as const, 'development');
  return {
    host: text(env, 'HOST') ?? '127.0.0.1',
    endpoint: text(env, 'OTEL_EXPORTER_OTLP_ENDPOINT'),
    maxBytes: integer(env, 'MAX_BYTES', 64 * MB, 1, 1_024 * MB),
    metrics: flag(env, sharedName(env, 'ETHIXAI_METRICS', 'ETHIXAI_METRICS_ENABLED'), true),
    tracing: flag(env, 'ETHIXAI_TRACING', endpoint !== undefined),
    level: oneOf(env, 'LOG_LEVEL', LEVELS, 'info'),
    ratio: ratio(env, 'SAMPLER_RATIO', profile === 'production' ? 0.1 : 1),
  };
}`;

describe('scanEnvReads', () => {
  it('reads name, reader, constant default, range, allowed values and legacy spellings, in source order', () => {
    expect(scanEnvReads(SOURCE)).toEqual([
      { name: 'ETHIXAI_PROFILE', reader: 'oneOf', aliases: [], allowed: ['development', 'production'], default: 'development' },
      { name: 'HOST', reader: 'text', aliases: [], default: '127.0.0.1' },
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', reader: 'text', aliases: [] },
      { name: 'MAX_BYTES', reader: 'integer', aliases: [], default: '67108864', min: 1, max: 1073741824 },
      { name: 'ETHIXAI_METRICS', reader: 'flag', aliases: ['ETHIXAI_METRICS_ENABLED'], default: 'true' },
      { name: 'ETHIXAI_TRACING', reader: 'flag', aliases: [], defaultExpression: 'endpoint !== undefined' },
      { name: 'LOG_LEVEL', reader: 'oneOf', aliases: [], allowed: ['info', 'debug'], default: 'info' },
      { name: 'SAMPLER_RATIO', reader: 'ratio', aliases: [], defaultExpression: "profile === 'production' ? 0.1 : 1", min: 0, max: 1 },
    ]);
  });

  it('lists a variable read twice once, as first read', () => {
    const twice = `const a = integer(env, 'PORT', 1, 0, 9); const b = text(env, 'PORT');`;
    expect(scanEnvReads(twice)).toEqual([{ name: 'PORT', reader: 'integer', aliases: [], default: '1', min: 0, max: 9 }]);
  });

  it.each([
    ['a direct property read', `const x = env.SECRET_SAUCE;`, 'SECRET_SAUCE'],
    ['an indexed read', `const x = env['NEW_LIMIT'];`, 'NEW_LIMIT'],
    ['a name passed through a variable', `const NAME = 'NEW_LIMIT'; const x = integer(env, NAME, 1, 0, 9);`, 'NEW_LIMIT'],
  ])('refuses %s it cannot attribute to a reader call', (_what, source, name) => {
    expect(() => scanEnvReads(source)).toThrow(`ai-core env scan: ${name} mentioned but not read through`);
  });
});

import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { loadConfig } from '../../src/config/load-config.ts';

const Schema = Type.Object({
  PROFILE: Type.Union([Type.Literal('development'), Type.Literal('production')], { default: 'development' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8100 }),
  RATIO: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  TRACING: Type.Boolean({ default: false, aliases: ['TRACING_ENABLED'] }),
  ORIGINS: Type.Array(Type.String(), { default: [] }),
  HOPS: Type.Union([Type.Boolean(), Type.Integer({ minimum: 0 })], { default: false }),
  DATABASE_URL: Type.String({ pattern: '^postgres://' }),
  TOKEN: Type.Optional(Type.String({ minLength: 16, writeOnly: true })),
});
const REQUIRED = { DATABASE_URL: 'postgres://db' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(Schema, { ...REQUIRED, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.name}: ${p.problem}`);
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the schema defaults, leaves optional variables unset, and freezes the result', () => {
    const config = loadConfig(Schema, REQUIRED);
    expect(config).toEqual({
      PROFILE: 'development',
      PORT: 8100,
      TRACING: false,
      ORIGINS: [],
      HOPS: false,
      DATABASE_URL: 'postgres://db',
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.ORIGINS)).toBe(true);
  });

  it('converts text: numbers, booleans in their usual spellings, comma lists, the first union member that fits', () => {
    const config = loadConfig(Schema, {
      ...REQUIRED,
      PORT: ' 5000 ',
      RATIO: '0.25',
      TRACING: 'Yes',
      ORIGINS: 'https://a.test, ,https://b.test,',
      HOPS: '2',
      PROFILE: 'production',
    });
    expect(config).toMatchObject({
      PORT: 5000,
      RATIO: 0.25,
      TRACING: true,
      ORIGINS: ['https://a.test', 'https://b.test'],
      HOPS: 2,
      PROFILE: 'production',
    });
    for (const [text, value] of [
      ['on', true],
      ['1', true],
      ['TRUE', true],
      ['off', false],
      ['no', false],
      ['0', false],
    ] as const) {
      expect(loadConfig(Schema, { ...REQUIRED, TRACING: text }).TRACING).toBe(value);
    }
    expect(loadConfig(Schema, { ...REQUIRED, HOPS: 'true' }).HOPS).toBe(true);
  });

  it('counts an empty or blank value as unset, and ignores variables the schema does not name', () => {
    expect(loadConfig(Schema, { ...REQUIRED, PORT: '', RATIO: '  ', UNRELATED: 'x' })).toEqual(
      loadConfig(Schema, REQUIRED),
    );
  });

  it("reads an older name when the property's own name is unset; the own name wins", () => {
    expect(loadConfig(Schema, { ...REQUIRED, TRACING_ENABLED: 'true' }).TRACING).toBe(true);
    expect(loadConfig(Schema, { ...REQUIRED, TRACING: 'false', TRACING_ENABLED: 'true' }).TRACING).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: must be a whole number from 0 to 65535, got "eighty"'],
    [{ PORT: '80.5' }, 'PORT: must be a whole number from 0 to 65535, got "80.5"'],
    [{ PORT: '70000' }, 'PORT: must be a whole number from 0 to 65535, got "70000"'],
    [{ RATIO: '0x10' }, 'RATIO: must be a number from 0 to 1, got "0x10"'],
    [{ RATIO: '1.5' }, 'RATIO: must be a number from 0 to 1, got "1.5"'],
    [{ PROFILE: 'staging' }, 'PROFILE: must be one of development, production, got "staging"'],
    [{ TRACING: 'maybe' }, 'TRACING: must be true or false (also 1/0, on/off, yes/no), got "maybe"'],
    [{ TRACING_ENABLED: 'maybe' }, 'TRACING_ENABLED: must be true or false (also 1/0, on/off, yes/no), got "maybe"'],
    [
      { HOPS: '-1' },
      'HOPS: must be true or false (also 1/0, on/off, yes/no), or a whole number of at least 0, got "-1"',
    ],
    [{ DATABASE_URL: 'mysql://db' }, 'DATABASE_URL: must be text matching ^postgres://, got "mysql://db"'],
  ])('names the variable and the problem: %o', (env, problem) => {
    expect(problemsOf(env)).toEqual([problem]);
  });

  it('reports a missing required variable', () => {
    expect(() => loadConfig(Schema, {})).toThrow(new ConfigError({ name: 'DATABASE_URL', problem: 'required' }));
  });

  it("never repeats a secret's value in the message", () => {
    expect(problemsOf({ TOKEN: 'hunter2' })).toEqual(['TOKEN: must be text of at least 16 characters']);
  });

  it('lists every bad variable in one error, on one line, in schema order', () => {
    expect(() => loadConfig(Schema, { PORT: 'x', PROFILE: 'staging', TRACING: 'maybe' })).toThrow(
      'Invalid configuration: PROFILE: must be one of development, production, got "staging"; ' +
        'PORT: must be a whole number from 0 to 65535, got "x"; ' +
        'TRACING: must be true or false (also 1/0, on/off, yes/no), got "maybe"; DATABASE_URL: required',
    );
  });

  it('refuses a schema it cannot read from text, and a default that breaks its own schema, as programming errors', () => {
    const nested = Type.Object({ NESTED: Type.Object({ a: Type.String() }) });
    expect(() => loadConfig(nested, {})).toThrow(
      'loadConfig: NESTED has a type that cannot be read from the environment',
    );
    const badDefault = Type.Object({ N: Type.Integer({ minimum: 10, default: 1 }) });
    expect(() => loadConfig(badDefault, {})).toThrow('loadConfig: a default breaks the schema: /N');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../services/ai-core/src/config/env.ts';
import { EnvSchema, parseEnv } from '../../../services/backend/src/config/env.ts';
import { SECRET_NAMES } from '../../../services/backend/src/config/secrets.ts';
import { AI_CORE_DESCRIPTIONS, BACKEND_DESCRIPTIONS, SECRET_NOTES } from '../src/config-descriptions.ts';
import { aiCoreVariables, backendVariables, scanAiCoreEnv, SECRET_NAME_RE, typeOf } from '../src/config-variables.ts';

const backendNames = Object.keys(EnvSchema.properties);
const aiCore = aiCoreVariables();

describe('descriptions cover each variable exactly once', () => {
  it('backend: an EnvSchema description, else config-descriptions.ts; never both, never an unknown name', () => {
    const described = backendNames.filter((name) => EnvSchema.properties[name as keyof typeof EnvSchema.properties].description !== undefined);
    expect(Object.keys(BACKEND_DESCRIPTIONS).filter((name) => described.includes(name)), 'the schema describes these now: delete them from BACKEND_DESCRIPTIONS').toEqual([]);
    expect(Object.keys(BACKEND_DESCRIPTIONS).filter((name) => !backendNames.includes(name)), 'not in EnvSchema').toEqual([]);
    expect(backendVariables().map((v) => v.name)).toEqual(backendNames);
  });

  it('ai-core: AI_CORE_DESCRIPTIONS names exactly the variables env.ts reads', () => {
    expect(Object.keys(AI_CORE_DESCRIPTIONS).sort()).toEqual(aiCore.map((v) => v.name).sort());
  });

  it('secrets: SECRET_NOTES names exactly the secret-looking variables of both services, none has a default', () => {
    const secrets = [...backendVariables(), ...aiCore].filter((v) => v.secret);
    expect([...new Set(secrets.map((v) => v.name))].sort()).toEqual(Object.keys(SECRET_NOTES).sort());
    expect(SECRET_NAMES.filter((name) => !SECRET_NAME_RE.test(name))).toEqual([]);
    expect(secrets.filter((v) => v.default !== undefined || v.computedDefault !== undefined)).toEqual([]);
    expect(backendVariables().filter((v) => v.secret?.requiredInProduction).map((v) => v.name).sort()).toEqual([...SECRET_NAMES].sort());
  });

  it('secrets: a note about an unset optional secret exists only for secrets no profile requires', () => {
    const required = new Set([...backendVariables(), ...aiCore].filter((v) => v.secret?.requiredInProduction).map((v) => v.name));
    const stale = Object.entries(SECRET_NOTES).filter(([name, note]) => note.optionalWhenUnset !== undefined && required.has(name));
    expect(stale.map(([name]) => name), 'required now: delete optionalWhenUnset').toEqual([]);
  });
});

describe('typeOf (EnvSchema property → readable type)', () => {
  it.each([
    [Type.Integer({ minimum: 0, maximum: 65535 }), 'integer 0–65535'],
    [Type.Integer({ minimum: 300 }), 'integer ≥ 300'],
    [Type.Number({ maximum: 1 }), 'number ≤ 1'],
    [Type.Union([Type.Boolean(), Type.Integer({ minimum: 0 })]), 'boolean or integer ≥ 0'],
    [Type.Union([Type.Literal('NORMAL'), Type.Literal('FULL')]), 'one of: NORMAL, FULL'],
    [Type.String({ minLength: 16 }), 'string (≥ 16 characters)'],
    [Type.String({ pattern: '^sqlite:' }), 'string matching `^sqlite:`'],
  ])('%j → %s', (schema, expected) => {
    expect(typeOf(schema)).toBe(expected);
  });

  it('refuses a schema it cannot render instead of guessing', () => {
    expect(() => typeOf(Type.Array(Type.String()))).toThrow('config-variables: no rendering for schema');
  });
});

describe('backend: a documented default, written back into the environment, changes nothing', () => {
  it.each(backendVariables().filter((v) => v.default !== undefined).map((v) => [v.name, v.default as string]))('%s=%s', (name, value) => {
    expect(parseEnv({ [name]: value }, '/srv')).toEqual(parseEnv({}, '/srv'));
  });
});

// The scan is checked against ai-core's real parser: each scanned fact must match what loadConfig does.
describe('ai-core: the scanned variables behave as documented in loadConfig', () => {
  const scanned = scanAiCoreEnv();
  const TOKEN = { AI_CORE_TOKEN: 'a-token-of-sixteen-chars' };
  const load = (env: Record<string, string>) => loadConfig({ ...TOKEN, ...env });
  const fails = (env: Record<string, string>) => () => load(env);
  const of = (...readers: string[]) => scanned.filter((v) => readers.includes(v.reader));

  it('the scan finds every kind of reader in env.ts (so none of the checks below is vacuous)', () => {
    const counts = Object.fromEntries(['text', 'integer', 'flag', 'ratio', 'oneOf'].map((r) => [r, of(r).length]));
    expect(Object.values(counts).every((n) => n > 0), JSON.stringify(counts)).toBe(true);
    expect(scanned.filter((v) => v.default !== undefined).length).toBeGreaterThan(5);
    expect(scanned.some((v) => v.aliases.length > 0)).toBe(true);
  });

  it.each(scanned.filter((v) => v.default !== undefined).map((v) => [v.name, v.default as string]))('%s: setting the default %s changes nothing', (name, value) => {
    expect(load({ [name]: value })).toEqual(load({}));
  });

  it.each(of('integer').map((v) => [v.name, v.min as number, v.max as number]))('%s accepts exactly %i..%i', (name, min, max) => {
    expect(load({ [name]: String(max) })).not.toEqual(load({ [name]: String(min) }));
    expect(fails({ [name]: String(max + 1) })).toThrow(name);
    if (min > 0) expect(fails({ [name]: String(min - 1) })).toThrow(name);
    expect(fails({ [name]: 'lots' })).toThrow(name);
  });

  it.each(of('flag', 'ratio').map((v) => [v.name, v.reader]))('%s (%s) refuses a non-value and reads 0 and 1', (name) => {
    expect(fails({ [name]: 'maybe' })).toThrow(name);
    expect(load({ [name]: '1' })).not.toEqual(load({ [name]: '0' }));
  });

  it.each(of('oneOf').map((v) => [v.name, v.allowed as string[]]))('%s accepts exactly %j', (name, allowed) => {
    const configs = allowed.map((value) => load({ [name]: value }));
    expect(new Set(configs.map((c) => JSON.stringify(c))).size).toBe(allowed.length);
    expect(fails({ [name]: 'bogus' })).toThrow(name);
  });

  it.each(scanned.flatMap((v) => v.aliases.map((alias) => [alias, v.name])))('the older spelling %s is read like %s when that is absent', (alias, name) => {
    for (const value of ['0', '1']) expect(load({ [alias]: value })).toEqual(load({ [name]: value }));
  });

  it('text variables without a default are read, and the token is checked', () => {
    const unset = of('text').filter((v) => v.default === undefined && !SECRET_NAME_RE.test(v.name));
    expect(unset.length).toBeGreaterThan(0);
    for (const { name } of unset) expect(load({ [name]: 'http://collector.test:4318' })).not.toEqual(load({}));
    expect(() => loadConfig({ AI_CORE_TOKEN: 'short' })).toThrow('AI_CORE_TOKEN');
  });

  it('a secret documented as required in production is: production refuses to start without it, development reads DATA_DIR/secrets.json', () => {
    const required = aiCore.filter((v) => v.secret?.requiredInProduction).map((v) => v.name);
    expect(required.length).toBeGreaterThan(0);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-config-'));
    try {
      fs.writeFileSync(path.join(dataDir, 'secrets.json'), JSON.stringify(Object.fromEntries(required.map((n) => [n, 'from-the-secrets-file']))));
      for (const name of required) expect(() => loadConfig({ ETHIXAI_PROFILE: 'production', DATA_DIR: dataDir })).toThrow(name);
      expect(loadConfig({ ETHIXAI_PROFILE: 'development', DATA_DIR: dataDir }).token).toBe('from-the-secrets-file');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

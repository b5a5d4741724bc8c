import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../services/ai-core/src/config/env.ts';
import { parseEnv } from '../../../services/backend/src/config/env.ts';
import { SECRET_NAMES, secretVariable } from '../../../services/backend/src/config/secrets.ts';
import { SECRET_NOTES } from '../src/secret-notes.ts';
import {
  aiCoreVariables,
  backendVariables,
  schemaVariables,
  SECRET_NAME_RE,
  typeOf,
  type ConfigVariable,
} from '../src/config-variables.ts';

const aiCore = aiCoreVariables();
const backend = backendVariables();

describe('variables come from the schemas', () => {
  it('every variable has a description; a schema property without one is refused', () => {
    expect([...backend, ...aiCore].filter((v) => v.description.trim() === '')).toEqual([]);
    const schema = Type.Object({ UNDESCRIBED: Type.String() });
    expect(() => schemaVariables(schema, 'x.ts', [], '')).toThrow('UNDESCRIBED (x.ts) has no description');
  });

  it('secrets: SECRET_NOTES names exactly the secrets of both services, none has a default', () => {
    const secrets = [...backend, ...aiCore].filter((v) => v.secret);
    expect([...new Set(secrets.map((v) => v.name))].sort()).toEqual(Object.keys(SECRET_NOTES).sort());
    expect(SECRET_NAMES.filter((name) => !SECRET_NAME_RE.test(name))).toEqual([]);
    expect(secrets.filter((v) => v.default !== undefined)).toEqual([]);
    expect(
      backend
        .filter((v) => v.secret?.requiredInProduction)
        .map((v) => v.name)
        .sort(),
    ).toEqual(SECRET_NAMES.map(secretVariable).sort());
  });

  it('secrets: a secret-looking name must be writeOnly (so errors never echo it), and only such a name', () => {
    expect(() =>
      schemaVariables(Type.Object({ API_TOKEN: Type.String({ description: 'd' }) }), 'x.ts', [], ''),
    ).toThrow('API_TOKEN: a name that looks like a secret must be writeOnly');
    expect(() =>
      schemaVariables(Type.Object({ PLAIN: Type.String({ description: 'd', writeOnly: true }) }), 'x.ts', [], ''),
    ).toThrow('PLAIN: a name that looks like a secret');
  });

  it('secrets: a note about an unset optional secret exists only for secrets no profile requires', () => {
    const required = new Set([...backend, ...aiCore].filter((v) => v.secret?.requiredInProduction).map((v) => v.name));
    const stale = Object.entries(SECRET_NOTES).filter(
      ([name, note]) => note.optionalWhenUnset !== undefined && required.has(name),
    );
    expect(
      stale.map(([name]) => name),
      'required now: delete optionalWhenUnset',
    ).toEqual([]);
  });
});

describe('typeOf (env schema property → readable type)', () => {
  it.each([
    [Type.Integer({ minimum: 0, maximum: 65535 }), 'integer 0–65535'],
    [Type.Integer({ minimum: 300 }), 'integer ≥ 300'],
    [Type.Number({ maximum: 1 }), 'number ≤ 1'],
    [
      Type.Union([Type.Boolean(), Type.Integer({ minimum: 0 })]),
      'boolean (true/false, 1/0, on/off, yes/no) or integer ≥ 0',
    ],
    [Type.Union([Type.Literal('NORMAL'), Type.Literal('FULL')]), 'one of: NORMAL, FULL'],
    [Type.String({ minLength: 16 }), 'string (≥ 16 characters)'],
    [Type.String({ pattern: '^sqlite:' }), 'string matching `^sqlite:`'],
    [Type.Array(Type.String()), 'comma-separated list of string'],
  ])('%j → %s', (schema, expected) => {
    expect(typeOf(schema)).toBe(expected);
  });

  it('refuses a schema it cannot render instead of guessing', () => {
    expect(() => typeOf(Type.Object({}))).toThrow('config-variables: no rendering for schema');
  });
});

// Each documented fact is checked against the service's real loader, so the docs cannot claim
// what the code does not do.
const TOKEN = 'a-token-of-sixteen-chars';
// A scrape token file, so ai-core's loader never generates one (development) or refuses (production).
const METRICS_TOKEN_FILE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-config-')), 'metrics-token');
fs.writeFileSync(METRICS_TOKEN_FILE, `${TOKEN}\n`);
type Load = (env: Record<string, string>) => unknown;
const LOADERS: Record<string, Load> = {
  backend: (env) => parseEnv(env, '/srv'),
  'ai-core': (env) => loadConfig({ AI_CORE_TOKEN: TOKEN, METRICS_TOKEN_FILE, ...env }),
};
const SERVICES: [string, ConfigVariable[]][] = [
  ['backend', backend],
  ['ai-core', aiCore],
];
function cases<T extends unknown[]>(pick: (v: ConfigVariable) => T[]): [string, string, ...T][] {
  return SERVICES.flatMap(([service, variables]) =>
    variables.flatMap((v) => pick(v).map((c): [string, string, ...T] => [service, v.name, ...c])),
  );
}

describe("the documented behaviour is the loaders'", () => {
  it.each(cases<[string]>((v) => (v.default === undefined ? [] : [[v.default]])))(
    '%s %s: setting the default %s changes nothing',
    (service, name, value) => {
      const load = LOADERS[service];
      expect(load({ [name]: value })).toEqual(load({}));
    },
  );

  it.each(
    cases<[number, number]>((v) => {
      const range = /^integer (\d+)–(\d+)$/.exec(v.type);
      return range ? [[Number(range[1]), Number(range[2])]] : [];
    }),
  )('%s %s accepts exactly %i..%i', (service, name, min, max) => {
    const load = LOADERS[service];
    expect(load({ [name]: String(max) })).not.toEqual(load({ [name]: String(min) }));
    expect(() => load({ [name]: String(max + 1) })).toThrow(`${name}: must be a whole number`);
    if (min > 0) expect(() => load({ [name]: String(min - 1) })).toThrow(name);
    expect(() => load({ [name]: 'lots' })).toThrow(name);
  });

  it.each(
    cases<[string[]]>((v) => (v.type.startsWith('one of: ') ? [[v.type.slice('one of: '.length).split(', ')]] : [])),
  )('%s %s accepts exactly %j', (service, name, allowed) => {
    const load = LOADERS[service];
    const configs = allowed.map((value) => JSON.stringify(load({ [name]: value })));
    expect(new Set(configs).size).toBe(allowed.length);
    expect(() => load({ [name]: 'bogus' })).toThrow(`${name}: must be one of`);
  });

  it.each(cases<[]>((v) => (v.type.startsWith('boolean') ? [[]] : [])))(
    '%s %s reads on/off and refuses a non-value',
    (service, name) => {
      const load = LOADERS[service];
      expect(load({ [name]: 'on' })).toEqual(load({ [name]: 'true' }));
      expect(load({ [name]: 'off' })).toEqual(load({ [name]: '0' }));
      expect(() => load({ [name]: 'maybe' })).toThrow(`${name}: must be true or false`);
    },
  );

  it.each(cases<[string]>((v) => v.aliases.map((alias): [string] => [alias])))(
    '%s %s is also read under its older name %s',
    (service, name, alias) => {
      const load = LOADERS[service];
      for (const value of ['0', '1']) expect(load({ [alias]: value })).toEqual(load({ [name]: value }));
    },
  );

  it('ai-core: the secret documented as required in production is; development reads DATA_DIR/secrets.json', () => {
    const required = aiCore.filter((v) => v.secret?.requiredInProduction).map((v) => v.name);
    expect(required).toEqual(['AI_CORE_TOKEN']);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-config-'));
    try {
      fs.writeFileSync(path.join(dataDir, 'secrets.json'), JSON.stringify({ AI_CORE_TOKEN: 'from-the-secrets-file' }));
      expect(() => loadConfig({ ETHIXAI_PROFILE: 'production', DATA_DIR: dataDir })).toThrow(
        'AI_CORE_TOKEN: required in the production profile',
      );
      expect(loadConfig({ ETHIXAI_PROFILE: 'development', DATA_DIR: dataDir }).token).toBe('from-the-secrets-file');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

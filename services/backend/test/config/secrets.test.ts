import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '@ethixai/service-kit';
import { parseEnv } from '../../src/config/env.ts';
import { resolveSecrets, secretsFile } from '../../src/config/secrets.ts';
import { createKeyRing, generateSigningJwk } from '../../src/auth/signing-keys.ts';
import { createHmacKeyRing, generateHmacJwk } from '../../src/audit-log/hmac-keys.ts';
import { createCheckpointKeyRing, generateCheckpointJwk } from '../../src/audit-log/checkpoint-keys.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-secrets-'));
  dirs.push(d);
  return d;
}
function metricsTokenFile(): string {
  const file = path.join(tempDir(), 'metrics-token');
  fs.writeFileSync(file, `${'m'.repeat(32)}\n`);
  return file;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The audit keys as an operator mounts them: one file each. */
function auditKeyFiles() {
  const dir = tempDir();
  const files = {
    AUDIT_HMAC_KEYS_FILE: path.join(dir, 'hmac.json'),
    AUDIT_SIGNING_KEYS_FILE: path.join(dir, 'signing.json'),
  };
  fs.writeFileSync(files.AUDIT_HMAC_KEYS_FILE, JSON.stringify([generateHmacJwk()]), { mode: 0o600 });
  fs.writeFileSync(files.AUDIT_SIGNING_KEYS_FILE, JSON.stringify([generateCheckpointJwk()]), { mode: 0o600 });
  return files;
}

describe('resolveSecrets, development profile', () => {
  it('generates every secret on first run into DATA_DIR/secrets.json with mode 0600, then reuses them', async () => {
    const config = parseEnv({ DATA_DIR: tempDir() });
    const first = await resolveSecrets(config);
    const file = secretsFile(config);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.AI_CORE_TOKEN.length).toBeGreaterThanOrEqual(32);
    expect(first.INCIDENTS_WEBHOOK_TOKENS).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{43}$/)]);
    expect(first.INCIDENTS_WEBHOOK_TOKENS[0]).not.toBe(first.AI_CORE_TOKEN);
    // The scrape token is a file of its own, usable as Prometheus' credentials_file as it is.
    const tokenFile = path.join(config.DATA_DIR, 'secrets', 'metrics-token');
    expect(first.METRICS_TOKENS).toEqual([fs.readFileSync(tokenFile, 'utf8').trim()]);
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    const ring = await createKeyRing(first.JWT_SIGNING_KEYS);
    expect(ring.jwks.keys).toHaveLength(1);
    expect(ring.jwks.keys[0]).not.toHaveProperty('d');
    expect(createHmacKeyRing(first.AUDIT_HMAC_KEYS).keys.size).toBe(1);
    expect(createCheckpointKeyRing(first.AUDIT_SIGNING_KEYS).signer?.kid).toMatch(/^audit-sign-/);
    const second = await resolveSecrets(config);
    expect(second).toEqual(first);
  });

  it('lets a key file win over the generated audit keys', async () => {
    const files = auditKeyFiles();
    const secrets = await resolveSecrets(parseEnv({ DATA_DIR: tempDir(), ...files }));
    expect(secrets.AUDIT_HMAC_KEYS).toBe(fs.readFileSync(files.AUDIT_HMAC_KEYS_FILE, 'utf8'));
  });

  it('lets a value from the environment win over the generated one', async () => {
    const config = parseEnv({ DATA_DIR: tempDir(), AI_CORE_TOKEN: 'given-token-of-32-characters-xx' });
    expect((await resolveSecrets(config)).AI_CORE_TOKEN).toBe('given-token-of-32-characters-xx');
  });
});

describe('resolveSecrets, production profile', () => {
  it('refuses to start and names every missing secret', async () => {
    const dir = tempDir();
    const config = parseEnv({ DATA_DIR: dir, ETHIXAI_PROFILE: 'production' });
    await expect(resolveSecrets(config)).rejects.toThrow(ConfigError);
    await expect(resolveSecrets(config)).rejects.toThrow(
      'Invalid configuration: JWT_SIGNING_KEYS: required in the production profile; AI_CORE_TOKEN: required in the production profile; ' +
        'AUDIT_HMAC_KEYS_FILE: required in the production profile; AUDIT_SIGNING_KEYS_FILE: required in the production profile; ' +
        'METRICS_TOKEN_FILE: required in the production profile (a file holding the bearer token Prometheus scrapes /metrics with)',
    );
    expect(fs.existsSync(secretsFile(config))).toBe(false);
  });

  it('requires the webhook token only when INCIDENTS_ORG_ID names a target', async () => {
    const base = {
      DATA_DIR: tempDir(),
      ETHIXAI_PROFILE: 'production',
      AI_CORE_TOKEN: 'x'.repeat(32),
      JWT_SIGNING_KEYS: '[]',
      ...auditKeyFiles(),
      METRICS_TOKEN_FILE: metricsTokenFile(),
    };
    expect((await resolveSecrets(parseEnv(base))).INCIDENTS_WEBHOOK_TOKENS).toEqual([]);
    await expect(resolveSecrets(parseEnv({ ...base, INCIDENTS_ORG_ID: 'org-1' }))).rejects.toThrow(
      /^Invalid configuration: INCIDENTS_WEBHOOK_TOKEN: required in the production profile when INCIDENTS_ORG_ID is set \(or INCIDENTS_WEBHOOK_TOKEN_FILE\)$/,
    );
    const file = path.join(tempDir(), 'incidents-webhook-token');
    fs.writeFileSync(file, `${'n'.repeat(32)}\n${'o'.repeat(32)}\n`);
    const fromFile = await resolveSecrets(
      parseEnv({
        ...base,
        INCIDENTS_ORG_ID: 'org-1',
        INCIDENTS_WEBHOOK_TOKEN_FILE: file,
        INCIDENTS_WEBHOOK_TOKEN: 'e'.repeat(32),
      }),
    );
    expect(fromFile.INCIDENTS_WEBHOOK_TOKENS).toEqual(['n'.repeat(32), 'o'.repeat(32)]);
  });

  it('starts when every secret is provided, the audit keys as files, and writes no file', async () => {
    const jwks = JSON.stringify([await generateSigningJwk()]);
    const files = auditKeyFiles();
    const config = parseEnv({
      DATA_DIR: tempDir(),
      ETHIXAI_PROFILE: 'production',
      AI_CORE_TOKEN: 'x'.repeat(32),
      JWT_SIGNING_KEYS: jwks,
      INCIDENTS_WEBHOOK_TOKEN: 'w'.repeat(32),
      ...files,
      METRICS_TOKEN_FILE: metricsTokenFile(),
    });
    const secrets = await resolveSecrets(config);
    expect(secrets.METRICS_TOKENS).toEqual(['m'.repeat(32)]);
    expect(secrets.JWT_SIGNING_KEYS).toBe(jwks);
    expect(secrets.INCIDENTS_WEBHOOK_TOKENS).toEqual(['w'.repeat(32)]);
    expect(secrets.AUDIT_HMAC_KEYS).toBe(fs.readFileSync(files.AUDIT_HMAC_KEYS_FILE, 'utf8'));
    expect(secrets.AUDIT_SIGNING_KEYS).toBe(fs.readFileSync(files.AUDIT_SIGNING_KEYS_FILE, 'utf8'));
    expect(fs.existsSync(secretsFile(config))).toBe(false);
  });

  it('names an audit key file it cannot read', async () => {
    const config = parseEnv({
      DATA_DIR: tempDir(),
      ETHIXAI_PROFILE: 'production',
      ...auditKeyFiles(),
      AUDIT_HMAC_KEYS_FILE: '/nonexistent/hmac.json',
    });
    await expect(resolveSecrets(config)).rejects.toThrow(
      'AUDIT_HMAC_KEYS_FILE: cannot read /nonexistent/hmac.json (ENOENT)',
    );
  });
});

describe('createKeyRing', () => {
  it('rejects a key set that is not an array of private Ed25519 JWKs', async () => {
    await expect(createKeyRing('not json')).rejects.toThrow('JWT_SIGNING_KEYS: not valid JSON');
    await expect(createKeyRing('[]')).rejects.toThrow('non-empty JSON array');
    const { d: _d, ...publicOnly } = await generateSigningJwk();
    await expect(createKeyRing(JSON.stringify([publicOnly]))).rejects.toThrow(
      'JWT_SIGNING_KEYS[0]: must be a private Ed25519 JWK',
    );
  });
});

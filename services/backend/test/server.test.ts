import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEntry, startServer } from './process.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-be-proc-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

// Real processes on a shared 2-core machine: generous timeouts, no timing assertions.
describe('server.ts as a process', { timeout: 120_000 }, () => {
  it('production profile refuses to start without its secrets, naming them (exit 78)', async () => {
    const dir = tempDir();
    const run = await runEntry('server.ts', [], { ETHIXAI_PROFILE: 'production', DATA_DIR: dir, PORT: '0' });
    expect(run.code).toBe(78);
    expect(run.stderr).toBe(
      'ethixai-backend: Invalid configuration: JWT_SIGNING_KEYS: required in the production profile; ' +
        'AI_CORE_TOKEN: required in the production profile; ' +
        'AUDIT_HMAC_KEYS_FILE: required in the production profile; AUDIT_SIGNING_KEYS_FILE: required in the production profile; ' +
        'METRICS_TOKEN_FILE: required in the production profile (a file holding the bearer token Prometheus scrapes /metrics with)\n',
    );
    expect(fs.existsSync(path.join(dir, 'secrets.json'))).toBe(false);
  });

  it('development profile: first run generates secrets, prints the admin credentials once, and they work', async () => {
    const dir = tempDir();
    const first = startServer({ DATA_DIR: dir });
    const { url, stdout } = await first.ready;
    try {
      const m = /email: +(\S+)\n +password: +(\S+)/.exec(stdout());
      expect(m).not.toBeNull();
      const login = await fetch(`${url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: m![1], password: m![2] }),
      });
      expect(login.status).toBe(200);
      // The password appears once, in the plain-text banner, not in any JSON log line.
      const logLines = stdout()
        .split('\n')
        .filter((l) => l.startsWith('{'));
      expect(logLines.some((l) => l.includes(m![2]))).toBe(false);
      expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = startServer({ DATA_DIR: dir });
    const again = await second.ready;
    try {
      expect(again.stdout()).not.toContain('password:');
      expect((await fetch(`${again.url}/ready`)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});

describe('cli.ts', { timeout: 120_000 }, () => {
  it('create-admin prints a generated password once; a taken email exits 1 with its code', async () => {
    const dir = tempDir();
    const run = await runEntry('cli.ts', ['create-admin', '--email', 'ops@example.test', '--org', 'Acme'], {
      DATA_DIR: dir,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Created organisation [0-9a-f-]{36} with admin ops@example.test \(id [0-9a-f-]{36}\)\.\nPassword \(shown once\): [A-Za-z0-9_-]{24}\n$/,
    );
    const again = await runEntry('cli.ts', ['create-admin', '--email', 'ops@example.test', '--org', 'Acme'], {
      DATA_DIR: dir,
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('error: BE_ERR_EMAIL_TAKEN: A user with email ops@example.test already exists\n');
  });

  it('bad usage exits 2 with the usage text', async () => {
    const run = await runEntry('cli.ts', ['create-admin', '--email', 'not-an-email', '--org', 'Acme'], {
      DATA_DIR: tempDir(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^--email must be an email address\nusage: /);
    expect((await runEntry('cli.ts', ['frobnicate'], {})).code).toBe(2);
  });

  it('migrate applies the migrations once, then finds the schema current', async () => {
    const dir = tempDir();
    const first = await runEntry('cli.ts', ['migrate'], { DATA_DIR: dir });
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toMatch(/^Applied \d+ migration\(s\): \S+/);
    const again = await runEntry('cli.ts', ['migrate'], { DATA_DIR: dir });
    expect(again.stdout).toBe('Schema already current; no migration applied.\n');
  });

  it('generate-signing-key prints a private Ed25519 JWK', async () => {
    const run = await runEntry('cli.ts', ['generate-signing-key'], {});
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
  });
});

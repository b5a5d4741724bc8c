import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/passwords.ts';
import { connect } from '../../src/db/connect.ts';
import { FIRST_ADMIN_EMAIL } from '../../src/orgs/first-admin.ts';
import { createUsersRepository } from '../../src/users/users-repository.ts';
import { runEntry, startServer } from '../process.ts';
import { productionEnv as productionEnvOf } from '../production-env.ts';

// Issue 17, item 8: in production the first admin's password never goes to stdout (a log stream
// there); it comes from a secret file. Development keeps printing a generated one once.
const PASSWORD = 'correct horse battery staple 17';
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-admin-pw-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function secretFile(dir: string, name: string, value: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return file;
}

async function productionEnv(dir: string): Promise<Record<string, string>> {
  const { env, dir: secrets } = await productionEnvOf(dir);
  dirs.push(secrets);
  return env;
}

async function storedHash(dir: string, email: string): Promise<string | undefined> {
  const handle = connect({ url: `sqlite:${path.join(dir, 'ethixai.sqlite')}` });
  try {
    return (await createUsersRepository(handle.db).findByEmail(email))?.password_hash;
  } finally {
    await handle.close();
  }
}

describe('cli.ts create-admin and the admin password', { timeout: 120_000 }, () => {
  it('production: refuses (exit 2) to generate and print a password; creates nothing', async () => {
    const dir = tempDir();
    const run = await runEntry(
      'cli.ts',
      ['create-admin', '--email', 'ops@example.test', '--org', 'Acme'],
      await productionEnv(dir),
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^the production profile never prints a password: give it with --admin-password-file <file> \(or ADMIN_PASSWORD_FILE\)\nusage: /,
    );
    expect(fs.existsSync(path.join(dir, 'ethixai.sqlite'))).toBe(false);
  });

  it('production: --admin-password-file sets the password and stdout never shows it', async () => {
    const dir = tempDir();
    const file = secretFile(dir, 'admin-password', PASSWORD);
    const run = await runEntry(
      'cli.ts',
      ['create-admin', '--email', 'ops@example.test', '--org', 'Acme', '--admin-password-file', file],
      await productionEnv(dir),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^Created organisation [0-9a-f-]{36} with admin ops@example.test \(id [0-9a-f-]{36}\)\.\nPassword: the one in .*admin-password\n$/,
    );
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    expect(await verifyPassword((await storedHash(dir, 'ops@example.test'))!, PASSWORD)).toBe(true);
  });

  it('refuses a password file that is missing or holds a short password', async () => {
    const dir = tempDir();
    const short = secretFile(dir, 'short', 'tooshort');
    const run = await runEntry(
      'cli.ts',
      ['create-admin', '--email', 'ops@example.test', '--org', 'Acme', '--admin-password-file', short],
      await productionEnv(dir),
    );
    expect([run.code, run.stderr]).toEqual([
      1,
      `error: Invalid configuration: --admin-password-file: the password in ${short} must be at least 12 characters\n`,
    ]);
    const missing = await runEntry('cli.ts', ['create-admin', '--email', 'ops@example.test', '--org', 'Acme'], {
      ...(await productionEnv(dir)),
      ADMIN_PASSWORD_FILE: path.join(dir, 'absent'),
    });
    expect([missing.code, missing.stderr]).toEqual([
      1,
      `error: Invalid configuration: --admin-password-file: cannot read ${path.join(dir, 'absent')} (ENOENT)\n`,
    ]);
  });
});

describe('server.ts first run in production', { timeout: 120_000 }, () => {
  it('with ADMIN_PASSWORD_FILE: creates the admin with that password and prints no password', async () => {
    const dir = tempDir();
    const env = { ...(await productionEnv(dir)), ADMIN_PASSWORD_FILE: secretFile(dir, 'admin-password', PASSWORD) };
    const server = startServer(env);
    const { url, stdout } = await server.ready;
    try {
      expect(stdout()).toContain(`created the admin ${FIRST_ADMIN_EMAIL} with the password in ADMIN_PASSWORD_FILE`);
      expect(stdout()).not.toContain(PASSWORD);
      const login = await fetch(`${url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: FIRST_ADMIN_EMAIL, password: PASSWORD }),
      });
      expect(login.status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('without it: creates no admin, prints no password, and logs how to create one', async () => {
    const dir = tempDir();
    const server = startServer(await productionEnv(dir));
    const { stdout } = await server.ready;
    try {
      expect(stdout()).not.toMatch(/password: /);
      const warning = stdout()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { level: string; msg: string })
        .find((l) => l.msg.startsWith('No user exists yet.'));
      expect(warning?.level).toBe('warn');
      expect(warning?.msg).toContain('--admin-password-file');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(await storedHash(dir, FIRST_ADMIN_EMAIL)).toBeUndefined();
  });
});

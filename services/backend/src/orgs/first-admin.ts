import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { httpError } from '../errors.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { createUsersRepository } from '../users/users-repository.ts';
import { createOrgsRepository } from './orgs-repository.ts';

export interface CreatedAdmin {
  orgId: string;
  userId: string;
  email: string;
  password: string;
}

/**
 * A new organisation with one admin. The password is the one given (read from a secret file) or,
 * when none is, generated and returned; it is never stored in clear.
 */
export async function createOrgWithAdmin(
  db: Kysely<Database>,
  input: { orgName: string; email: string; name?: string; password?: string },
): Promise<CreatedAdmin> {
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const org = await createOrgsRepository(trx).create(input.orgName);
    const user = await createUsersRepository(trx).create({
      orgId: org.id,
      email: input.email,
      name: input.name ?? 'Administrator',
      passwordHash,
      role: 'admin',
    });
    return { orgId: org.id, userId: user.id, email: user.email, password };
  });
}

export const FIRST_ADMIN_EMAIL = 'admin@ethixai.local';

/**
 * First run only (no users at all): create an organisation and an admin. With `password` (from
 * ADMIN_PASSWORD_FILE) nothing secret is printed; without it (development profile only) a
 * generated password is printed once through `print` (stdout), never through the logger.
 */
export async function bootstrapFirstAdmin(
  db: Kysely<Database>,
  print: (text: string) => void,
  password?: string,
): Promise<CreatedAdmin | null> {
  if ((await createUsersRepository(db).countAll()) > 0) return null;
  let admin: CreatedAdmin;
  try {
    admin = await createOrgWithAdmin(db, { orgName: 'Default organisation', email: FIRST_ADMIN_EMAIL, password });
  } catch (err) {
    // Another process sharing the database won the race and printed the credentials.
    if (httpError.is(err) && err.code === 'BE_ERR_EMAIL_TAKEN') return null;
    throw err;
  }
  if (password !== undefined) {
    print(`\nEthixAI first run: created the admin ${admin.email} with the password in ADMIN_PASSWORD_FILE.\n`);
    return admin;
  }
  print(
    [
      '',
      'EthixAI first run: an admin account was created. These credentials are shown ONCE:',
      `  email:    ${admin.email}`,
      `  password: ${admin.password}`,
      'Log in with POST /v1/auth/login and create further users with POST /v1/users.',
      '',
    ].join('\n'),
  );
  return admin;
}

export interface FirstRunOptions {
  readonly profile: 'development' | 'production';
  /** From ADMIN_PASSWORD_FILE; undefined: none given. */
  readonly password: string | undefined;
  /** stdout: the banner, and in development the generated password once. */
  readonly print: (text: string) => void;
  /** The log: production without a password file says how to create the first admin. */
  readonly warn: (text: string) => void;
}

/**
 * The first run's admin. Development without a password file: generated and printed once.
 * With a password file (either profile): created with it, nothing secret printed. Production
 * without one: nothing is created and the log says how to do it, because a password printed to
 * stdout there lands in the log pipeline.
 */
export async function ensureFirstAdmin(db: Kysely<Database>, options: FirstRunOptions): Promise<CreatedAdmin | null> {
  if (options.password !== undefined || options.profile === 'development')
    return bootstrapFirstAdmin(db, options.print, options.password);
  if ((await createUsersRepository(db).countAll()) === 0) {
    options.warn(
      'No user exists yet. Create the first admin with ADMIN_PASSWORD_FILE set (first start) or ' +
        '`node services/backend/src/cli.ts create-admin --email <email> --org <name> --admin-password-file <file>`.',
    );
  }
  return null;
}

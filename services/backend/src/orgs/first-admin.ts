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

/** A new organisation with one admin whose password is generated and returned (never stored in clear). */
export async function createOrgWithAdmin(
  db: Kysely<Database>,
  input: { orgName: string; email: string; name?: string },
): Promise<CreatedAdmin> {
  const password = generatePassword();
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
 * Development profile, first run only (no users at all): create an organisation and an admin and
 * print the credentials once through `print` (stdout), never through the logger.
 */
export async function bootstrapFirstAdmin(db: Kysely<Database>, print: (text: string) => void): Promise<CreatedAdmin | null> {
  if ((await createUsersRepository(db).countAll()) > 0) return null;
  let admin: CreatedAdmin;
  try {
    admin = await createOrgWithAdmin(db, { orgName: 'Default organisation', email: FIRST_ADMIN_EMAIL });
  } catch (err) {
    // Another process sharing the database won the race and printed the credentials.
    if (httpError.is(err) && err.code === 'BE_ERR_EMAIL_TAKEN') return null;
    throw err;
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

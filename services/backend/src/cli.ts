import { parseArgs } from 'node:util';
import { loadEnv } from './config/env.ts';
import { connect } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createOrgWithAdmin } from './orgs/first-admin.ts';
import { readAdminPasswordFile } from './orgs/admin-password.ts';
import { generateSigningJwk } from './auth/signing-keys.ts';
import { httpError } from './errors.ts';

/**
 * Operator commands (exit 0 ok, 1 failure, 2 bad usage):
 *   create-admin --email E --org NAME [--name N] [--admin-password-file F]
 *                                                  new organisation + admin; the password is read from F (or
 *                                                  ADMIN_PASSWORD_FILE); without one it is generated and printed
 *                                                  once, which the production profile refuses (stdout is a log there)
 *   generate-signing-key                           prints a private Ed25519 JWK to prepend to JWT_SIGNING_KEYS
 *   migrate                                        brings the schema to the latest version (the deploy's migration Job)
 */
const USAGE = `usage: cli.ts create-admin --email <email> --org <name> [--name <display name>] [--admin-password-file <file>]
       cli.ts generate-signing-key
       cli.ts migrate`;

function usage(problem: string): never {
  process.stderr.write(`${problem}\n${USAGE}\n`);
  process.exit(2);
}

async function createAdmin(args: string[]): Promise<void> {
  let values: { email?: string; org?: string; name?: string; 'admin-password-file'?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        org: { type: 'string' },
        name: { type: 'string' },
        'admin-password-file': { type: 'string' },
      },
    }));
  } catch (err) {
    usage((err as Error).message);
  }
  if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) usage('--email must be an email address');
  if (!values.org?.trim()) usage('--org must name the organisation');
  const config = loadEnv();
  const passwordFile = values['admin-password-file'] ?? config.ADMIN_PASSWORD_FILE;
  if (passwordFile === undefined && config.ETHIXAI_PROFILE === 'production') {
    usage(
      'the production profile never prints a password: give it with --admin-password-file <file> (or ADMIN_PASSWORD_FILE)',
    );
  }
  const password =
    passwordFile === undefined ? undefined : readAdminPasswordFile('--admin-password-file', passwordFile);
  const handle = connect({ url: config.DATABASE_URL, sqliteSynchronous: config.SQLITE_SYNCHRONOUS });
  try {
    await migrateToLatest(handle.db);
    const admin = await createOrgWithAdmin(handle.db, {
      orgName: values.org.trim(),
      email: values.email,
      name: values.name,
      password,
    });
    process.stdout.write(
      `Created organisation ${admin.orgId} with admin ${admin.email} (id ${admin.userId}).\n` +
        (password === undefined
          ? `Password (shown once): ${admin.password}\n`
          : `Password: the one in ${passwordFile}\n`),
    );
  } finally {
    await handle.close();
  }
}

/** Runs before a rollout (ops/k8s migration Job), so new pods boot on a schema that is already current. */
async function migrate(): Promise<void> {
  const config = loadEnv();
  const handle = connect({ url: config.DATABASE_URL, sqliteSynchronous: config.SQLITE_SYNCHRONOUS });
  try {
    const results = await migrateToLatest(handle.db);
    const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
    process.stdout.write(
      applied.length === 0
        ? 'Schema already current; no migration applied.\n'
        : `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`,
    );
  } finally {
    await handle.close();
  }
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'create-admin') await createAdmin(rest);
  else if (command === 'migrate') await migrate();
  else if (command === 'generate-signing-key') process.stdout.write(`${JSON.stringify(await generateSigningJwk())}\n`);
  else usage(command ? `unknown command: ${command}` : 'missing command');
} catch (err) {
  process.stderr.write(`error: ${httpError.is(err) ? `${err.code}: ${err.message}` : (err as Error).message}\n`);
  process.exit(1);
}

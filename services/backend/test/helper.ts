import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Role } from '@ethixai/contracts';
import type { Database } from '../src/db/schema.ts';
import serviceApp, { fastifyOptions, type AppOptions } from '../src/app.ts';
import { parseEnv } from '../src/config/env.ts';
import { resolveSecrets } from '../src/config/secrets.ts';
import { createOrgWithAdmin } from '../src/orgs/first-admin.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { createUsersRepository } from '../src/users/users-repository.ts';
import { DIALECTS, type TestDialect } from './dialects.ts';

export interface TestUser {
  id: string;
  orgId: string;
  email: string;
  password: string;
  role: Role;
}

export interface TestApp {
  app: FastifyInstance;
  /** The app's DATA_DIR (development secrets, the audit checkpoint log). */
  dataDir: string;
  /** The first organisation's admin (created directly in the database). */
  admin: TestUser;
  /** Create a user in `orgId` (default: the admin's org) straight in the database. */
  createUser(role: Role, orgId?: string): Promise<TestUser>;
  /** A second organisation with its own admin. */
  createOrg(): Promise<TestUser>;
  /** `Authorization` for GET /metrics (the scrape token generated into DATA_DIR, as in development). */
  metricsAuth: { authorization: string };
  login(user: Pick<TestUser, 'email' | 'password'>): Promise<{ accessToken: string; refreshToken: string }>;
  /** app.inject with `Authorization: Bearer` for `user` (logged in once and cached). */
  injectAs(user: TestUser, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * Builds the real app (same plugin and Fastify options as server.ts) on a fresh database
 * (SQLite temp file unless a dialect is given) with env overrides, e.g. `{ RATE_LIMIT_USER_MAX: '5' }`.
 */
export async function build(
  env:
    | Record<string, string>
    | ((
        firstOrg: { orgId: string },
        db: Kysely<Database>,
      ) => Record<string, string> | Promise<Record<string, string>>) = {},
  dialect: TestDialect = DIALECTS[0],
  options: Pick<AppOptions, 'telemetry'> = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-be-app-'));
  const database = await dialect.open();
  const db = database.handle.db;
  // The first organisation exists before the app starts (settings such as INCIDENTS_ORG_ID name it),
  // so the schema must too; the app's own boot migration then has nothing left to do.
  await migrateToLatest(db);
  const made = await createOrgWithAdmin(db, { orgName: 'Org A', email: `admin${++counter}@a.test` });
  const given = typeof env === 'function' ? await env({ orgId: made.orgId }, db) : env;
  const config = parseEnv({
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_USER_MAX: '10000',
    ...given,
  });
  const secrets = await resolveSecrets(config);
  const app = Fastify(fastifyOptions(config)).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(fp(serviceApp), { config, secrets, db: database.handle, ...options });
  // "No 500 anywhere": every test app records 500s and close() fails the test that caused one.
  const internalErrors: string[] = [];
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode === 500) internalErrors.push(`${request.method} ${request.url}`);
  });
  await app.ready();

  const admin: TestUser = {
    id: made.userId,
    orgId: made.orgId,
    email: made.email,
    password: made.password,
    role: 'admin',
  };
  const tokens = new Map<string, string>();

  const helper: TestApp = {
    app,
    dataDir,
    admin,
    metricsAuth: { authorization: `Bearer ${secrets.METRICS_TOKENS[0] ?? ''}` },
    async createUser(role, orgId = admin.orgId) {
      const password = `pw-${role}-${++counter}-long-enough`;
      const email = `${role}${counter}@example.test`;
      const row = await createUsersRepository(db).create({
        orgId,
        email,
        name: role,
        passwordHash: await hashPassword(password),
        role,
      });
      return { id: row.id, orgId, email, password, role };
    },
    async createOrg() {
      const m = await createOrgWithAdmin(db, { orgName: `Org ${++counter}`, email: `admin${counter}@b.test` });
      return { id: m.userId, orgId: m.orgId, email: m.email, password: m.password, role: 'admin' };
    },
    async login(user) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: user.email, password: user.password },
      });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    async injectAs(user, opts) {
      let token = tokens.get(user.id);
      if (!token) {
        token = (await helper.login(user)).accessToken;
        tokens.set(user.id, token);
      }
      return app.inject({ ...opts, headers: { ...opts.headers, authorization: `Bearer ${token}` } });
    },
    async close() {
      await app.close();
      await database.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (internalErrors.length > 0) throw new Error(`500 answered for: ${internalErrors.join(', ')}`);
    },
  };
  return helper;
}

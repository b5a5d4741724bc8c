import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import fp from 'fastify-plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import serviceApp, { fastifyOptions } from '../../src/app.ts';
import { parseEnv } from '../../src/config/env.ts';
import { resolveSecrets } from '../../src/config/secrets.ts';
import { connect, type DbHandle } from '../../src/db/connect.ts';
import { createOrgWithAdmin } from '../../src/orgs/first-admin.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';

// Issue 17, item 5: the general, failed-authentication and login limits hold across replicas.
// Two backend instances, each with its own connection pool, on one PostgreSQL database.
const postgres = DIALECTS.find((d) => d.name === 'postgres');
if (!postgres)
  console.log('[replicas] SKIP: set ETHIXAI_TEST_PG_URL to run two backend instances on one PostgreSQL database');

const ENV = {
  LOG_LEVEL: 'silent',
  RATE_LIMIT_USER_MAX: '4',
  AUTH_FAILURES_MAX: '3',
  LOGIN_RATE_LIMIT_MAX: '1000',
  RATE_LIMIT_ANONYMOUS_MAX: '1000',
  LOGIN_FAILURES_PER_ACCOUNT: '2',
  LOGIN_FAILURES_PER_ADDRESS: '1000',
};
const BAD_TOKEN = 'Bearer eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe.runIf(postgres)('limits shared by two backend instances on one PostgreSQL database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-replicas-limits-'));
  let database: TestDatabase;
  let secondPool: DbHandle;
  let replicas: FastifyInstance[] = [];
  let admin = { email: '', password: '' };

  beforeAll(async () => {
    database = await postgres!.open();
    secondPool = connect({ url: database.url, poolSize: 4 });
    const made = await createOrgWithAdmin(database.handle.db, { orgName: 'Replicated', email: 'admin@replicas.test' });
    admin = { email: made.email, password: made.password };
    // One DATA_DIR: both replicas share their secrets (signing keys), as replicas do in production.
    const config = parseEnv({ ...ENV, DATA_DIR: dataDir, DATABASE_URL: database.url });
    const secrets = await resolveSecrets(config);
    for (const handle of [database.handle, secondPool]) {
      const app = Fastify(fastifyOptions(config));
      await app.register(fp(serviceApp), { config, secrets, db: handle });
      await app.ready();
      replicas.push(app);
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map((app) => app.close()));
    replicas = [];
    await secondPool.close();
    await database.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The i-th request goes to replica i mod 2, as a round-robin load balancer sends them. */
  const alternate = async (n: number, options: (i: number) => InjectOptions) => {
    const answers = [];
    for (let i = 0; i < n; i++) answers.push(await replicas[i % 2]!.inject(options(i)));
    return answers;
  };
  const login = (email: string, password: string, remoteAddress = '10.0.0.1') => ({
    method: 'POST' as const,
    url: '/v1/auth/login',
    remoteAddress,
    payload: { email, password },
  });

  it("a user's RATE_LIMIT_USER_MAX is one total over both replicas", async () => {
    const token = (await replicas[0]!.inject(login(admin.email, admin.password))).json().accessToken as string;
    const answers = await alternate(6, () => ({ url: '/v1/auth/me', headers: { authorization: `Bearer ${token}` } }));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 429, 429]);
    expect(answers[4]!.json().code).toBe('BE_ERR_RATE_LIMITED');
  });

  it('failed authentications of one address are counted over both replicas', async () => {
    const answers = await alternate(5, () => ({
      url: '/v1/auth/me',
      remoteAddress: '192.0.2.77',
      headers: { authorization: BAD_TOKEN },
    }));
    expect(answers.map((a) => a.json().code)).toEqual([
      'BE_ERR_INVALID_TOKEN',
      'BE_ERR_INVALID_TOKEN',
      'BE_ERR_INVALID_TOKEN',
      'BE_ERR_AUTH_THROTTLED',
      'BE_ERR_AUTH_THROTTLED',
    ]);
  });

  it('an account locked by failures on one replica is locked on the other', async () => {
    const made = await createOrgWithAdmin(database.handle.db, { orgName: 'Victim', email: 'victim@replicas.test' });
    const answers = await alternate(3, (i) =>
      login(made.email, i < 2 ? 'wrong password!' : made.password, `10.9.0.${i}`),
    );
    expect(answers.map((a) => a.json().code)).toEqual([
      'BE_ERR_INVALID_CREDENTIALS',
      'BE_ERR_INVALID_CREDENTIALS',
      'BE_ERR_LOGIN_LOCKED',
    ]);
    expect((await replicas[0]!.inject(login(made.email, made.password, '10.9.1.1'))).json().code).toBe(
      'BE_ERR_LOGIN_LOCKED',
    );
  });
});

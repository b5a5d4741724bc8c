/**
 * Writes the round-1 upgrade fixture: a database as round-1 EthixAI leaves it, on SQLite
 * (`round1.sqlite`) and on PostgreSQL (`round1.pg.sql`, a `pg_dump --inserts --no-owner
 * --no-privileges` of schema `ethixai_round1`), and for each what its API answered
 * (`round1.<dialect>.json`: the recorded reads, the audit chain's verification, and the test-only
 * credentials). `../upgrade-from-round1.test.ts` migrates copies with the current code and
 * replays the reads.
 *
 * It was run ONCE, at commit 87de262 ("Run TypeScript without a loader; ship the CLI as one
 * compiled file"): `main` as issue 16's backend changes began. Do NOT re-run it on newer code:
 * the fixture stands for databases written by round-1 code, and rewriting it with newer code
 * would make the upgrade test prove nothing. The script refuses to run when the services, the
 * packages or the lockfile differ from that commit's. Right after writing, the upgrade test
 * passed on the same code, so every recorded read is reproducible there.
 *
 * The story runs on a fresh database; the database is then saved (SQLite: checkpointed and
 * vacuumed; PostgreSQL: dumped) and the reads are recorded through a restarted backend on the
 * saved state, as the test replays them. Decision times are relative to the run, so the
 * fairness reads record the instant they answered at and the test replays them at that instant.
 *
 *   ETHIXAI_TEST_PG_URL=postgres://ethixai:ethixai@127.0.0.1:5432/ethixai_test \
 *     node services/backend/test/db/upgrade-fixture/make-fixture.ts
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import pg from 'pg';
import serviceApp, { fastifyOptions } from '../../../src/app.ts';
import { parseEnv } from '../../../src/config/env.ts';
import { resolveSecrets } from '../../../src/config/secrets.ts';
import { verifyOrgChain } from '../../../src/audit-log/verify-chain.ts';
import { SERVICE_TOKEN, startAiCore } from '../../analyses/two-services.ts';
import { fixtureClient, type RecordedRead } from './fixture-client.ts';
import { fixtureReads } from './fixture-reads.ts';
import { WEBHOOK_TOKEN, writeStory, type Story } from './fixture-story.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../../../../..');
const FIXTURE_SCHEMA = 'ethixai_round1';
const MAX_SQLITE_BYTES = 1_048_576;

/** The commit whose code wrote the fixture. */
const ROUND1 = '87de262bdba9d20456fee59e869888aac1fb1c94';
const CODE = ['services/backend/src', 'services/ai-core/src', 'packages', 'package-lock.json'];

function writtenBy(): { commit: string; script: string } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).trim();
  const changed = [git('diff', '--name-only', ROUND1, '--', ...CODE), git('ls-files', '--others', '--exclude-standard', '--', ...CODE)].join('\n').trim();
  if (changed !== '') throw new Error(`the fixture is written by the code of ${ROUND1} only; these differ from it:\n${changed}`);
  return { commit: ROUND1, script: 'services/backend/test/db/upgrade-fixture/make-fixture.ts' };
}

async function startBackend(databaseUrl: string, aiCoreUrl: string, dataDir: string): Promise<FastifyInstance> {
  const config = parseEnv({
    DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', AI_CORE_URL: aiCoreUrl, AI_CORE_TOKEN: SERVICE_TOKEN,
    INCIDENTS_WEBHOOK_TOKEN: WEBHOOK_TOKEN, RETENTION_PURGE_INTERVAL_MS: '0', MONITORING_CACHE_TTL_MS: '0', JOB_POLL_MS: '20', LOGIN_RATE_LIMIT_MAX: '1000', RATE_LIMIT_USER_MAX: '10000',
  });
  const app = Fastify(fastifyOptions(config));
  // Without a handle the app opens DATABASE_URL itself and closes it on close(), as server.ts does.
  await app.register(fp(serviceApp), { config, secrets: await resolveSecrets(config) });
  await app.ready();
  return app;
}

/**
 * Runs the story on a fresh database, has `save` copy it, then records every read through a
 * restarted backend on the saved state, as the upgrade test will (its exports append to the log).
 */
async function record(dialect: 'sqlite' | 'postgres', databaseUrl: string, save: () => Promise<void>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-round1-'));
  const aiCore = await startAiCore();
  try {
    let app = await startBackend(databaseUrl, aiCore.url, dataDir);
    let story: Story;
    try {
      story = await writeStory(app);
    } finally {
      await app.close();
    }
    await save();
    app = await startBackend(databaseUrl, aiCore.url, dataDir);
    try {
      const client = fixtureClient(app, () => story.credentials);
      const auditChain = await verifyOrgChain(app.db, story.ids.orgId);
      assert.equal(auditChain.status, 'clean');
      const readsAt = new Date().toISOString();
      const reads: RecordedRead[] = [];
      for (const request of fixtureReads(story.ids, Math.floor(auditChain.entries / 100) + 1)) {
        const answer = await client.read(request);
        const clock = request.url.includes('/fairness') ? { clock: (answer.json as { window: { to: string } }).window.to } : {};
        reads.push({ ...request, ...clock, ...answer });
      }
      return {
        about: 'Round-1 upgrade fixture, written by make-fixture.ts: what the API answered. The credentials are test-only values that open nothing but this fixture.',
        writtenBy: writtenBy(), dialect, orgId: story.ids.orgId, credentials: story.credentials, readsAt, auditChain, reads,
      };
    } finally {
      await app.close();
    }
  } finally {
    await aiCore.app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Indented to the reads, one read per line: readable, and half the size of indenting everything. */
function snapshotJson(snapshot: Awaited<ReturnType<typeof record>>): string {
  const { reads, ...rest } = snapshot;
  const head = JSON.stringify(rest, null, 1).slice(0, -2);
  return `${head},\n "reads": [\n${reads.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n ]\n}\n`;
}

async function sqliteFixture(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-round1-db-'));
  const file = path.join(dir, 'round1.sqlite');
  const snapshot = await record('sqlite', `sqlite:${file}`, async () => {
    // app.close() checkpointed; TRUNCATE makes sure no WAL is left, VACUUM drops free pages.
    const db = new SQLite(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('VACUUM');
    db.close();
    assert.ok(!fs.existsSync(`${file}-wal`) || fs.statSync(`${file}-wal`).size === 0, 'WAL left behind');
    assert.ok(fs.statSync(file).size < MAX_SQLITE_BYTES, `round1.sqlite is ${fs.statSync(file).size} bytes`);
    fs.copyFileSync(file, path.join(HERE, 'round1.sqlite'));
  });
  fs.writeFileSync(path.join(HERE, 'round1.sqlite.json'), snapshotJson(snapshot));
  fs.rmSync(dir, { recursive: true, force: true });
}

async function postgresFixture(pgUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    await admin.query(`drop schema if exists ${FIXTURE_SCHEMA} cascade`);
    await admin.query(`create schema ${FIXTURE_SCHEMA}`);
    const url = new URL(pgUrl);
    url.searchParams.set('options', `-c search_path=${FIXTURE_SCHEMA}`);
    const snapshot = await record('postgres', url.toString(), async () => {
      const dump = execFileSync('pg_dump', ['--inserts', '--no-owner', '--no-privileges', `--schema=${FIXTURE_SCHEMA}`, `--dbname=${pgUrl}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
      // pg_dump 15.14+ brackets the dump in psql's \restrict meta-commands; the pg client runs SQL only.
      fs.writeFileSync(path.join(HERE, 'round1.pg.sql'), dump.split('\n').filter((line) => !/^\\(un)?restrict /.test(line)).join('\n'));
    });
    fs.writeFileSync(path.join(HERE, 'round1.postgres.json'), snapshotJson(snapshot));
  } finally {
    await admin.query(`drop schema if exists ${FIXTURE_SCHEMA} cascade`);
    await admin.end();
  }
}

const pgUrl = process.env.ETHIXAI_TEST_PG_URL;
if (!pgUrl) throw new Error('set ETHIXAI_TEST_PG_URL: the fixture is written on SQLite and PostgreSQL');
writtenBy();
await sqliteFixture();
await postgresFixture(pgUrl);
for (const name of ['round1.sqlite', 'round1.pg.sql', 'round1.sqlite.json', 'round1.postgres.json']) {
  process.stdout.write(`${name}: ${fs.statSync(path.join(HERE, name)).size} bytes\n`);
}

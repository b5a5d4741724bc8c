import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { connect } from '../../src/db/connect.ts';
import { appendAudit } from '../../src/audit-log/audit-log-repository.ts';
import { checkpointLease } from '../../src/audit-log/checkpoint-lease.ts';
import { checkpointFile } from '../../src/audit-log/checkpoint-settings.ts';
import { createHmacKeyRing, generateHmacJwk } from '../../src/audit-log/hmac-keys.ts';
import { withAuditKeys } from '../../src/audit-log/audit-keys-binding.ts';
import { generateCheckpointJwk } from '../../src/audit-log/checkpoint-keys.ts';
import { build, type TestApp } from '../helper.ts';
import { DIALECTS, type TestDatabase, type TestDialect } from '../dialects.ts';
import { foldAppLog, records, verifyWithApp } from './trail.ts';

function append(db: Kysely<Database>, orgId: string, i: number) {
  return appendAudit(db, {
    orgId,
    actor: { kind: 'system', id: 'test' },
    action: 'test.append',
    target: { type: 'thing', id: String(i) },
    requestId: null,
    digest: 'd',
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    const value = await probe();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

for (const dialect of DIALECTS)
  describe(`${dialect.name}: the checkpoint lease`, () => {
    it('of 20 replicas racing for it exactly one gets it; it renews; another takes it only once it lapses or is released', async () => {
      const database = await dialect.open();
      try {
        const lease = checkpointLease(database.handle.db);
        const holders = Array.from({ length: 20 }, (_, i) => `replica-${i}`);
        const won = await Promise.all(holders.map((h) => lease.acquire(h, 1_000, 10_000)));
        expect(won.filter(Boolean)).toHaveLength(1);
        const winner = holders[won.indexOf(true)];
        const other = holders.find((h) => h !== winner) as string;
        expect(await lease.acquire(other, 1_000, 10_500)).toBe(false);
        expect(await lease.acquire(winner, 1_000, 10_500)).toBe(true);
        expect(await lease.acquire(other, 1_000, 11_400)).toBe(false);
        expect(await lease.acquire(other, 1_000, 11_500)).toBe(true);
        expect(await lease.current()).toEqual({ holder: other, expiresAt: 12_500 });
        await lease.release(other);
        expect(await lease.acquire(winner, 1_000, 11_600)).toBe(true);
      } finally {
        await database.dispose();
      }
    });
  });

for (const dialect of DIALECTS)
  describe(`${dialect.name}: two backend instances on one database`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-ckpt-'));
    let shared: TestDatabase;
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      shared = await dialect.open();
      fs.writeFileSync(path.join(dir, 'hmac.json'), JSON.stringify([generateHmacJwk()]));
      fs.writeFileSync(path.join(dir, 'signing.json'), JSON.stringify([generateCheckpointJwk()]));
      const env = {
        AUDIT_CHECKPOINT_INTERVAL_MS: '250',
        AUDIT_CHECKPOINT_DIR: path.join(dir, 'volume'),
        AUDIT_HMAC_KEYS_FILE: path.join(dir, 'hmac.json'),
        AUDIT_SIGNING_KEYS_FILE: path.join(dir, 'signing.json'),
      };
      // Two replicas: each its own connection (pool) to the one database, as two processes would have.
      const replica = (): TestDialect => ({
        name: dialect.name,
        async open() {
          const handle = connect({ url: shared.url, poolSize: 4 });
          return { handle, url: shared.url, dispose: () => handle.close() };
        },
      });
      a = await build(env, replica());
      b = await build(env, replica());
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await shared?.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('only the lease holder signs; when it stops, the other takes over; the log never forks', async () => {
      for (let i = 1; i <= 12; i++) {
        await append(i % 2 ? a.app.db : b.app.db, i % 2 ? a.admin.orgId : b.admin.orgId, i);
        await new Promise((r) => setTimeout(r, 40));
      }
      const holder = await until('a lease holder', async () => (await checkpointLease(a.app.db).current())?.holder);
      const [first, second] = a.app.auditCheckpoints.holder === holder ? [a, b] : [b, a];
      await until('a checkpoint', async () => ((await records(a.app)).length > 0 ? true : undefined));
      // The standby ticks too, and stands by.
      expect((await second.app.auditCheckpoints.tick()).status).toBe('standby');
      expect(new Set((await records(a.app)).map((r) => r.writer))).toEqual(new Set([holder]));

      // An entry appended just before a graceful stop is still signed by the stopping holder.
      await append(first.app.db, first.admin.orgId, 13);
      const firstSize = Number(
        (
          await first.app.db
            .selectFrom('audit_chain_heads')
            .select('seq')
            .where('org_id', '=', first.admin.orgId)
            .executeTakeFirstOrThrow()
        ).seq,
      );
      await first.app.close();
      const signedByFirst = (await records(second.app)).filter((r) => r.writer === holder);
      expect(Math.max(...signedByFirst.map((r) => r.heads[first.admin.orgId]?.size ?? 0))).toBe(firstSize);

      await append(second.app.db, second.admin.orgId, 14);
      const successor = await until(
        'the other replica to sign',
        async () => (await records(second.app)).find((r) => r.writer !== holder)?.writer,
      );
      expect((await second.app.auditCheckpoints.tick()).status).not.toBe('standby');
      const log = await records(second.app);
      expect(log.map((r) => r.n)).toEqual(log.map((_, i) => i + 1));
      const writers = log.map((r) => r.writer);
      expect(writers.slice(writers.indexOf(successor)).every((w) => w === successor)).toBe(true);
      expect((await foldAppLog(second.app)).problems).toEqual([]);
      const report = await verifyWithApp(second.app);
      expect(report.status).toBe('clean');
      for (const org of report.orgs) expect(org.anchoredSize).toBe(org.entries);
      // `first` is closed: let afterAll skip it.
      if (first === a) a = undefined as unknown as TestApp;
      else b = undefined as unknown as TestApp;
    });
  });

describe('the checkpoint writer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
  });

  it('signs only when a chain grew, and cuts a torn last line before appending', async () => {
    await append(t.app.db, t.admin.orgId, 1);
    expect((await t.app.auditCheckpoints.tick()).status).toBe('written');
    expect((await t.app.auditCheckpoints.tick()).status).toBe('unchanged');
    const file = checkpointFile(t.app.config);
    fs.appendFileSync(file, '{"v":1,"type":"checkp');
    await append(t.app.db, t.admin.orgId, 2);
    expect((await t.app.auditCheckpoints.tick()).status).toBe('written');
    const log = await records(t.app);
    expect(log.map((r) => [r.n, r.heads[t.admin.orgId].size])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect((await foldAppLog(t.app)).problems).toEqual([]);
    expect((await verifyWithApp(t.app)).status).toBe('clean');
  });

  it('writes each checkpoint to the log stream too (a second sink)', async () => {
    const lines: unknown[] = [];
    const log = t.app.log;
    const info = log.info.bind(log);
    (log as { info: unknown }).info = (obj: unknown, msg?: string) => {
      if (msg === 'audit checkpoint written') lines.push(obj);
      return info(obj as object, msg as string);
    };
    try {
      await append(t.app.db, t.admin.orgId, 3);
      const tick = await t.app.auditCheckpoints.tick();
      expect(tick.status === 'written' && lines).toEqual([
        { auditCheckpoint: tick.status === 'written' ? tick.record : null },
      ]);
    } finally {
      (log as { info: unknown }).info = info;
    }
  });

  it('verify reports a checkpoint line that was edited, and one that was removed, by line', async () => {
    const file = checkpointFile(t.app.config);
    const original = fs.readFileSync(file, 'utf8');
    try {
      const lines = original.trimEnd().split('\n');
      const edited = JSON.parse(lines[0]);
      edited.heads[t.admin.orgId].size = 99;
      fs.writeFileSync(file, [JSON.stringify(edited), ...lines.slice(1)].join('\n') + '\n');
      expect((await foldAppLog(t.app)).problems).toEqual([
        { line: 1, problem: 'signature does not match the record' },
        { line: 2, problem: 'does not link to the line before it (a line was removed, changed or the log forked)' },
      ]);
      fs.writeFileSync(file, [lines[0], ...lines.slice(2)].join('\n') + '\n');
      const report = await verifyWithApp(t.app);
      expect(report.status).toBe('tampered');
      expect(report.checkpoints.problems.map((p) => p.line)).toEqual([2, 2]);
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});

describe('a backend started on entries that no checkpoint covers yet', () => {
  it('signs them at its first tick, right after start, not an interval later (they were appended with no writer running)', async () => {
    const hmac = JSON.stringify([generateHmacJwk()]);
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-audit-keys-'));
    const keyFile = path.join(keyDir, 'hmac.json');
    fs.writeFileSync(keyFile, hmac, { mode: 0o600 });
    const t = await build(async (first, db) => {
      // As a previous process (or a restored backup) left them: sealed with the same key, never checkpointed.
      const keyed = withAuditKeys(db, createHmacKeyRing(hmac));
      for (let i = 0; i < 3; i += 1) await append(keyed, first.orgId, i);
      // A minute's interval: only the tick at start can sign within this test.
      return { AUDIT_HMAC_KEYS_FILE: keyFile, AUDIT_CHECKPOINT_INTERVAL_MS: '60000' };
    });
    try {
      const first = await until('the checkpoint written at start', async () => (await records(t.app))[0]);
      expect(first.heads[t.admin.orgId]).toMatchObject({ size: 3 });
      // A tick asked for now joins the start tick if it is still finishing; after it, nothing is left to sign.
      await t.app.auditCheckpoints.tick();
      expect((await t.app.auditCheckpoints.tick()).status).toBe('unchanged');
      expect(await records(t.app)).toHaveLength(1);
      expect((await verifyWithApp(t.app)).status).toBe('clean');
    } finally {
      await t.close();
      fs.rmSync(keyDir, { recursive: true, force: true });
    }
  });
});

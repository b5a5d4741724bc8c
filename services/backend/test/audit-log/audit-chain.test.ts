import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.ts';
import { appendAudit } from '../../src/audit-log/audit-log-repository.ts';
import { verifyAllChains, verifyOrgChain } from '../../src/audit-log/verify-chain.ts';
import { runVerifyCli } from './verify-cli-runner.ts';
import { build, type TestApp } from '../helper.ts';
import { DIALECTS, type TestDialect } from '../dialects.ts';
import { createOrgsRepository } from '../../src/orgs/orgs-repository.ts';
import { createModel } from '../monitoring/fixtures.ts';

describe('audit chain', () => {
  let t: TestApp;
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-audit-'));
    url = `sqlite:${path.join(dir, 'db.sqlite')}`;
    const dialect: TestDialect = { name: 'sqlite', async open() { const handle = connect({ url }); return { handle, url, dispose: () => handle.close() }; } };
    t = await build({}, dialect);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('records model actions in order, paged, for admins only', async () => {
    const model = await createModel(t);
    await t.injectAs(t.admin, { method: 'POST', url: `/v1/models/${model.id}/versions`, payload: { version: '1.1' } });
    await t.injectAs(t.admin, { method: 'PUT', url: `/v1/models/${model.id}/policy`, payload: { sensitiveAttributes: ['group'] } });
    const first = (await t.injectAs(t.admin, { method: 'GET', url: '/v1/audit-log?limit=2' })).json();
    expect(first.items.map((e: { seq: number; action: string }) => [e.seq, e.action])).toEqual([[1, 'model.create'], [2, 'model.version.add']]);
    expect(first.items[0]).toMatchObject({ actorKind: 'user', actorId: t.admin.id, targetType: 'model', targetId: model.id });
    expect(first.items[1].prevHash).toBe(first.items[0].hash);
    expect(first.nextAfterSeq).toBe(2);
    const rest = (await t.injectAs(t.admin, { method: 'GET', url: '/v1/audit-log?afterSeq=2' })).json();
    expect(rest.items.map((e: { action: string }) => e.action)).toEqual(['model.policy.update']);
    expect(rest.nextAfterSeq).toBeNull();
    const viewer = await t.createUser('viewer');
    const denied = await t.injectAs(viewer, { method: 'GET', url: '/v1/audit-log' });
    expect([denied.statusCode, denied.json().code]).toEqual([403, 'BE_ERR_FORBIDDEN']);
  });

  it('keeps one unforked chain under concurrent appends', async () => {
    const other = await t.createOrg();
    await Promise.all(Array.from({ length: 25 }, (_, i) =>
      appendAudit(t.app.db, { orgId: other.orgId, actor: { kind: 'system', id: 'test' }, action: 'test.append', target: { type: 'thing', id: String(i) }, requestId: null, digest: 'd' })));
    expect(await verifyOrgChain(t.app.db, other.orgId)).toEqual({ orgId: other.orgId, entries: 25, problem: null });
  });

  it('detects an edited row and a deleted row, naming the seq (function and CLI)', async () => {
    const ok = await runVerifyCli(url, dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('audit chains intact');

    await t.app.db.updateTable('audit_log').set({ target_id: 'someone-else' }).where('org_id', '=', t.admin.orgId).where('seq', '=', 2).execute();
    expect((await verifyOrgChain(t.app.db, t.admin.orgId)).problem).toMatchObject({ kind: 'hash_mismatch', seq: 2 });
    const edited = await runVerifyCli(url, dir);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain(`FAIL org ${t.admin.orgId}: seq 2: hash_mismatch`);

    await t.app.db.deleteFrom('audit_log').where('org_id', '=', t.admin.orgId).where('seq', '=', 2).execute();
    expect((await verifyOrgChain(t.app.db, t.admin.orgId)).problem).toMatchObject({ kind: 'gap', seq: 2 });
    const reports = await verifyAllChains(t.app.db);
    expect(reports.filter((r) => r.problem !== null).map((r) => r.orgId)).toEqual([t.admin.orgId]);
  });
});

for (const dialect of DIALECTS) describe(`${dialect.name}: concurrent appends`, () => {
  it('serialise on the chain head: 40 parallel appends each in its own transaction, one chain', async () => {
    const database = await dialect.open();
    try {
      const db = database.handle.db;
      const org = await createOrgsRepository(db).create('Org C');
      await Promise.all(Array.from({ length: 40 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await appendAudit(trx, { orgId: org.id, actor: { kind: 'system', id: 'test' }, action: 'test.append', target: { type: 'thing', id: String(i) }, requestId: null, digest: 'd' });
        })));
      expect(await verifyOrgChain(db, org.id)).toEqual({ orgId: org.id, entries: 40, problem: null });
    } finally {
      await database.dispose();
    }
  });
});

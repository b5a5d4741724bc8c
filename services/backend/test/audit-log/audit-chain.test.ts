import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/audit-log/audit-log-repository.ts';
import { verifyOrgChain } from '../../src/audit-log/verify-chain.ts';
import { auditKeysOf, withAuditKeys } from '../../src/audit-log/audit-keys-binding.ts';
import { createHmacKeyRing, generateHmacJwk } from '../../src/audit-log/hmac-keys.ts';
import { build, type TestApp } from '../helper.ts';
import { DIALECTS } from '../dialects.ts';
import { createOrgsRepository } from '../../src/orgs/orgs-repository.ts';
import { createModel } from '../monitoring/fixtures.ts';

describe('audit chain', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
  });

  it('records model actions in order, paged, for admins only', async () => {
    const model = await createModel(t);
    await t.injectAs(t.admin, { method: 'POST', url: `/v1/models/${model.id}/versions`, payload: { version: '1.1' } });
    await t.injectAs(t.admin, {
      method: 'PUT',
      url: `/v1/models/${model.id}/policy`,
      payload: { sensitiveAttributes: ['group'] },
    });
    const first = (await t.injectAs(t.admin, { method: 'GET', url: '/v1/audit-log?limit=2' })).json();
    expect(first.items.map((e: { seq: number; action: string }) => [e.seq, e.action])).toEqual([
      [1, 'model.create'],
      [2, 'model.version.add'],
    ]);
    expect(first.items[0]).toMatchObject({
      actorKind: 'user',
      actorId: t.admin.id,
      targetType: 'model',
      targetId: model.id,
    });
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
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        appendAudit(t.app.db, {
          orgId: other.orgId,
          actor: { kind: 'system', id: 'test' },
          action: 'test.append',
          target: { type: 'thing', id: String(i) },
          requestId: null,
          digest: 'd',
        }),
      ),
    );
    expect(await verifyOrgChain(t.app.db, other.orgId)).toMatchObject({
      orgId: other.orgId,
      entries: 25,
      status: 'clean',
      findings: [],
    });
  });

  it('seals every entry with the current HMAC key and names it', async () => {
    const rows = await t.app.db
      .selectFrom('audit_log')
      .select(['key_id', 'hash'])
      .where('org_id', '=', t.admin.orgId)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.key_id).toBe(auditKeysOf(t.app.db).currentKid);
    const page = (await t.injectAs(t.admin, { method: 'GET', url: '/v1/audit-log' })).json();
    expect(page.items[0].keyId).toBe(auditKeysOf(t.app.db).currentKid);
  });
});

for (const dialect of DIALECTS)
  describe(`${dialect.name}: concurrent appends`, () => {
    it('serialise on the chain head: 40 parallel appends each in its own transaction, one chain', async () => {
      const database = await dialect.open();
      try {
        const db = withAuditKeys(database.handle.db, createHmacKeyRing(JSON.stringify([generateHmacJwk()])));
        const org = await createOrgsRepository(db).create('Org C');
        await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            db.transaction().execute(async (trx) => {
              await appendAudit(trx, {
                orgId: org.id,
                actor: { kind: 'system', id: 'test' },
                action: 'test.append',
                target: { type: 'thing', id: String(i) },
                requestId: null,
                digest: 'd',
              });
            }),
          ),
        );
        expect(await verifyOrgChain(db, org.id)).toMatchObject({
          orgId: org.id,
          entries: 40,
          status: 'clean',
          findings: [],
        });
      } finally {
        await database.dispose();
      }
    });
  });

describe('appending without the key', () => {
  it('is refused, never written unkeyed', async () => {
    const database = await DIALECTS[0].open();
    try {
      const db = database.handle.db;
      const org = await createOrgsRepository(db).create('Org D');
      await expect(
        appendAudit(db, {
          orgId: org.id,
          actor: { kind: 'system', id: 'test' },
          action: 'test.append',
          target: { type: 'thing', id: '1' },
          requestId: null,
          digest: 'd',
        }),
      ).rejects.toThrow('audit entries need the HMAC key ring');
      expect(await db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
    } finally {
      await database.dispose();
    }
  });
});

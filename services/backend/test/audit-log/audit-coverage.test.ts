import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ChainRow } from '../../src/audit-log/hash-chain.ts';
import { walkChain } from '../../src/audit-log/chain-walk.ts';
import { auditKeysOf } from '../../src/audit-log/audit-keys-binding.ts';
import { verifyOrgChain } from '../../src/audit-log/verify-chain.ts';
import { DIALECTS } from '../dialects.ts';
import type { TestApp, TestUser } from '../helper.ts';
import { analysisBody, buildBackend, sampleCsv, startAiCore } from '../analyses/two-services.ts';
import { createModel, decision, evaluate } from '../monitoring/fixtures.ts';

interface Entry {
  seq: number;
  at: string;
  actorKind: 'user' | 'api_key' | 'system';
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  requestId: string | null;
  digest: string;
  prevHash: string;
  hash: string;
  keyId: string | null;
}

// Personal or confidential text that must never reach the audit log.
const EMAIL = 'Jane.Secretperson@example.test';
const NAME = 'Jane Secretperson';
const DATASET_NAME = 'patients-of-dr-nobody';
const KEY_NAME = 'janes-laptop-key';
const SUBJECT = 'subject-jane-1984';
const PASSWORD = 'correct horse battery staple';

async function auditLog(t: TestApp): Promise<Entry[]> {
  const res = await t.injectAs(t.admin, { method: 'GET', url: '/v1/audit-log?limit=500' });
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

/** The chain as served by the API re-verifies with the key (HMACs recomputed), and so does the stored one. */
async function expectChainVerifies(t: TestApp, entries: Entry[]): Promise<void> {
  const rows: ChainRow[] = entries.map(({ at, ...e }) => ({ ...e, orgId: t.admin.orgId, at: Date.parse(at) }));
  const keys = auditKeysOf(t.app.db);
  expect(rows.every((r) => r.keyId === keys.currentKid)).toBe(true);
  expect(walkChain(rows, { keys: keys.keys, legacySeq: 0 })).toEqual([]);
  expect(await verifyOrgChain(t.app.db, t.admin.orgId)).toMatchObject({
    orgId: t.admin.orgId,
    entries: entries.length,
    status: 'clean',
    findings: [],
  });
}

function expectNoPersonalData(entries: Entry[]): void {
  const text = JSON.stringify(entries).toLowerCase();
  for (const secret of [EMAIL, NAME, 'secretperson', DATASET_NAME, KEY_NAME, SUBJECT, PASSWORD])
    expect(text).not.toContain(secret.toLowerCase());
}

const view = (e: Entry) => [e.action, e.targetType, e.targetId, e.actorKind, e.actorId];

for (const dialect of DIALECTS)
  describe(`${dialect.name}: every state-changing action is audited`, () => {
    let aiCore: { app: FastifyInstance; url: string };
    let t: TestApp;
    beforeAll(async () => {
      aiCore = await startAiCore();
      t = await buildBackend(aiCore.url, { JOB_WORKER: 'false' }, dialect);
    });
    afterAll(async () => {
      await t.close();
      await aiCore.app.close();
    });

    it('users, API keys, datasets, analyses, jobs, exports, models and erasures: actor, action, target; chain intact; no personal data', async () => {
      const admin = t.admin;
      const created = await t.injectAs(admin, {
        method: 'POST',
        url: '/v1/users',
        payload: { email: EMAIL, name: NAME, role: 'viewer', password: PASSWORD },
      });
      expect(created.statusCode).toBe(201);
      const userId = created.json().user.id as string;
      expect(
        (await t.injectAs(admin, { method: 'PATCH', url: `/v1/users/${userId}`, payload: { role: 'analyst' } }))
          .statusCode,
      ).toBe(200);
      const jane: TestUser = { id: userId, orgId: admin.orgId, email: EMAIL, password: PASSWORD, role: 'analyst' };

      const key = await t.injectAs(jane, {
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: KEY_NAME, role: 'viewer' },
      });
      expect(key.statusCode).toBe(201);
      const keyId = key.json().apiKey.id as string;
      expect((await t.injectAs(jane, { method: 'DELETE', url: `/v1/api-keys/${keyId}` })).statusCode).toBe(200);
      // Revoking again changes nothing and is not recorded twice.
      expect((await t.injectAs(jane, { method: 'DELETE', url: `/v1/api-keys/${keyId}` })).statusCode).toBe(200);

      const upload = await t.injectAs(jane, {
        method: 'POST',
        url: `/v1/datasets?name=${DATASET_NAME}`,
        headers: { 'content-type': 'text/csv' },
        payload: sampleCsv(120),
      });
      expect(upload.statusCode).toBe(201);
      const datasetId = upload.json().id as string;
      const analysis = await t.injectAs(jane, {
        method: 'POST',
        url: '/v1/analyses',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ datasetId, config: { label: 'y', prediction: 'p', sensitive: ['g'] } }),
      });
      expect(analysis.statusCode).toBe(201);
      const reportId = analysis.json().id as string;
      expect(
        (await t.injectAs(jane, { method: 'GET', url: `/v1/reports/${reportId}/export?format=csv` })).statusCode,
      ).toBe(200);
      const job = await t.injectAs(jane, {
        method: 'POST',
        url: '/v1/analyses',
        headers: { 'content-type': 'application/json', prefer: 'respond-async' },
        payload: analysisBody(30),
      });
      expect(job.statusCode).toBe(202);
      const jobId = job.json().id as string;
      expect((await t.injectAs(jane, { method: 'POST', url: `/v1/jobs/${jobId}/cancel` })).statusCode).toBe(200);
      expect((await t.injectAs(jane, { method: 'DELETE', url: `/v1/datasets/${datasetId}` })).statusCode).toBe(204);

      const model = await createModel(t, jane);
      expect((await evaluate(t, decision(model.id, 'a', 1, { subjectId: SUBJECT }), jane)).statusCode).toBe(201);
      const erased = await t.injectAs(admin, { method: 'DELETE', url: `/v1/subjects/${SUBJECT}` });
      expect([erased.statusCode, erased.json().deleted]).toEqual([200, 1]);
      expect((await t.injectAs(admin, { method: 'POST', url: `/v1/users/${userId}/deactivate` })).statusCode).toBe(200);
      // Read-only requests and refused ones leave no entry.
      expect((await t.injectAs(admin, { method: 'GET', url: '/v1/users' })).statusCode).toBe(200);
      expect(
        (await t.injectAs(admin, { method: 'PATCH', url: `/v1/users/${admin.id}`, payload: { role: 'viewer' } }))
          .statusCode,
      ).toBe(409);

      const entries = await auditLog(t);
      const subjectEntry = entries.find((e) => e.action === 'subject.erase')!;
      expect(entries.map(view)).toEqual([
        ['user.create', 'user', userId, 'user', admin.id],
        ['user.role.update', 'user', userId, 'user', admin.id],
        ['api_key.create', 'api_key', keyId, 'user', userId],
        ['api_key.revoke', 'api_key', keyId, 'user', userId],
        ['dataset.upload', 'dataset', datasetId, 'user', userId],
        ['analysis.create', 'report', reportId, 'user', userId],
        ['report.export', 'report', reportId, 'user', userId],
        ['job.create', 'job', jobId, 'user', userId],
        ['job.cancel', 'job', jobId, 'user', userId],
        ['dataset.delete', 'dataset', datasetId, 'user', userId],
        ['model.create', 'model', model.id, 'user', userId],
        ['subject.erase', 'subject', subjectEntry.targetId, 'user', admin.id],
        ['user.deactivate', 'user', userId, 'user', admin.id],
      ]);
      expect(subjectEntry.targetId).toMatch(/^[0-9a-f]{64}$/);
      for (const e of entries) {
        expect(e.requestId).toMatch(/\S/);
        expect(e.digest).toMatch(/^[0-9a-f]{64}$/);
      }
      await expectChainVerifies(t, entries);
      expectNoPersonalData(entries);
    });
  });

describe('the job worker records the report it commits', () => {
  let aiCore: { app: FastifyInstance; url: string };
  let t: TestApp;
  beforeAll(async () => {
    aiCore = await startAiCore();
    t = await buildBackend(aiCore.url, { JOB_POLL_MS: '20' });
  });
  afterAll(async () => {
    await t.close();
    await aiCore.app.close();
  });

  it('as the system actor, in the transaction that commits the report', async () => {
    const analyst = await t.createUser('analyst');
    const job = await t.injectAs(analyst, {
      method: 'POST',
      url: '/v1/analyses',
      headers: { 'content-type': 'application/json', prefer: 'respond-async' },
      payload: analysisBody(40),
    });
    const jobId = job.json().id as string;
    let state = job.json();
    for (const deadline = Date.now() + 20_000; state.status !== 'succeeded' && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 50));
      state = (await t.injectAs(analyst, { method: 'GET', url: `/v1/jobs/${jobId}` })).json();
    }
    expect(state.status).toBe('succeeded');
    const entries = await auditLog(t);
    expect(entries.map(view)).toEqual([
      ['job.create', 'job', jobId, 'user', analyst.id],
      ['analysis.create', 'report', state.reportId, 'system', 'analysis-job'],
    ]);
    expect(entries[1].requestId).toBeNull();
    await expectChainVerifies(t, entries);
  });
});

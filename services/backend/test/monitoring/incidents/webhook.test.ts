import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@ethixai/service-kit';
import { createOrgWithAdmin } from '../../../src/orgs/first-admin.ts';
import { build, type TestApp } from '../../helper.ts';
import { DIALECTS } from '../../dialects.ts';

const TOKEN = 'whk-0123456789abcdef-test-token';

/** Alertmanager 0.25's webhook body, as it sends it (version 4, nanosecond times, zero endsAt). */
function payload(status: 'firing' | 'resolved', fingerprint = 'a1b2c3d4e5f60718') {
  const alert = {
    status,
    labels: { alertname: 'BackendHighLatencyP95', job: 'backend', severity: 'critical', service: 'ethixai-backend' },
    annotations: { summary: 'backend p95 latency above 100 ms', runbook_url: 'https://runbooks.example/latency' },
    startsAt: '2026-11-26T18:00:00.123456789Z',
    endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-11-26T18:20:00.5Z',
    generatorURL: 'http://prometheus:9090/graph?g0.expr=...',
    fingerprint,
  };
  return {
    receiver: 'backend-incidents',
    status,
    alerts: [alert],
    groupLabels: { alertname: 'BackendHighLatencyP95' },
    commonLabels: alert.labels,
    commonAnnotations: alert.annotations,
    externalURL: 'http://alertmanager:9093',
    version: '4',
    groupKey: '{}:{alertname="BackendHighLatencyP95"}',
    truncatedAlerts: 0,
  };
}

for (const dialect of DIALECTS)
  describe(`${dialect.name}: incidents webhook`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await build(({ orgId }) => ({ INCIDENTS_WEBHOOK_TOKEN: TOKEN, INCIDENTS_ORG_ID: orgId }), dialect);
    });
    afterAll(() => t.close());

    // null: no Authorization header at all
    const send = (body: unknown, auth: string | null = `Bearer ${TOKEN}`) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/alerts/webhook',
        payload: body as object,
        headers: auth === null ? {} : { authorization: auth },
      });
    const incidents = async (query = '') =>
      (await t.injectAs(t.admin, { method: 'GET', url: `/v1/incidents${query}` })).json();

    it('opens on firing, counts repeats, resolves on resolved', async () => {
      expect((await send(payload('firing'))).json()).toEqual({ opened: 1, repeated: 0, resolved: 0, ignored: 0 });
      expect((await send(payload('firing'))).json()).toEqual({ opened: 0, repeated: 1, resolved: 0, ignored: 0 });
      let list = await incidents('?status=open');
      expect(list.total).toBe(1);
      expect(list.items[0]).toMatchObject({
        fingerprint: 'a1b2c3d4e5f60718',
        alertname: 'BackendHighLatencyP95',
        severity: 'critical',
        status: 'open',
        occurrences: 2,
        summary: 'backend p95 latency above 100 ms',
        startsAt: '2026-11-26T18:00:00.123Z',
        resolvedAt: null,
      });
      expect((await send(payload('resolved'))).json()).toEqual({ opened: 0, repeated: 0, resolved: 1, ignored: 0 });
      list = await incidents('?status=resolved');
      expect(list.items[0]).toMatchObject({
        status: 'resolved',
        resolvedAt: '2026-11-26T18:20:00.500Z',
        resolvedBy: 'alertmanager',
        occurrences: 2,
      });
      expect((await send(payload('resolved'))).json()).toEqual({ opened: 0, repeated: 0, resolved: 0, ignored: 1 });
      // The same alert firing again after resolution is a new incident.
      expect((await send(payload('firing'))).json()).toMatchObject({ opened: 1 });
      expect((await incidents('?severity=critical')).total).toBe(2);
    });

    it('acknowledge and resolve by hand (analyst), with exact errors', async () => {
      await send(payload('firing', 'ffff000011112222'));
      const open = (await incidents('?status=open')).items.find(
        (i: { fingerprint: string }) => i.fingerprint === 'ffff000011112222',
      );
      const analyst = await t.createUser('analyst');
      const viewer = await t.createUser('viewer');
      const ack = await t.injectAs(analyst, { method: 'POST', url: `/v1/incidents/${open.id}/acknowledge` });
      expect(ack.statusCode).toBe(200);
      expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: `user:${analyst.id}` });
      expect((await send(payload('firing', 'ffff000011112222'))).json()).toMatchObject({ repeated: 1 });
      const denied = await t.injectAs(viewer, { method: 'POST', url: `/v1/incidents/${open.id}/resolve` });
      expect([denied.statusCode, denied.json().code]).toEqual([403, 'BE_ERR_FORBIDDEN']);
      expect(
        (await t.injectAs(analyst, { method: 'POST', url: `/v1/incidents/${open.id}/resolve` })).json().status,
      ).toBe('resolved');
      const again = await t.injectAs(analyst, { method: 'POST', url: `/v1/incidents/${open.id}/acknowledge` });
      expect([again.statusCode, again.json().code]).toEqual([409, 'BE_ERR_INCIDENT_RESOLVED']);
      const missing = await t.injectAs(analyst, {
        method: 'POST',
        url: '/v1/incidents/00000000-0000-4000-8000-000000000000/resolve',
      });
      expect([missing.statusCode, missing.json().code]).toEqual([404, 'BE_ERR_INCIDENT_NOT_FOUND']);
      const other = await t.createOrg();
      const foreign = await t.injectAs(other, { method: 'POST', url: `/v1/incidents/${open.id}/resolve` });
      expect(foreign.statusCode).toBe(404);
    });

    it('refuses a missing or wrong bearer token (401) and a bad payload (400)', async () => {
      for (const auth of [null, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, 'Bearer']) {
        const res = await send(payload('firing'), auth);
        expect([auth, res.statusCode, res.json().code]).toEqual([auth, 401, 'BE_ERR_WEBHOOK_UNAUTHORIZED']);
      }
      const noFingerprint = payload('firing');
      delete (noFingerprint.alerts[0] as Partial<(typeof noFingerprint.alerts)[0]>).fingerprint;
      expect((await send(noFingerprint)).json().code).toBe('BE_ERR_VALIDATION');
      const badTime = payload('firing');
      badTime.alerts[0].startsAt = 'not a time';
      const res = await send(badTime);
      expect([res.statusCode, res.json().code, res.json().message]).toEqual([
        400,
        'BE_ERR_WEBHOOK_PAYLOAD',
        'alerts[0].startsAt is not an RFC 3339 time',
      ]);
      expect((await send({ ...payload('firing'), version: '3' })).statusCode).toBe(400);
    });
  });

describe('incidents webhook token in the development profile', () => {
  it('is generated into DATA_DIR/secrets.json, and the webhook accepts exactly that token', async () => {
    const t = await build(({ orgId }) => ({ INCIDENTS_ORG_ID: orgId }));
    try {
      const file = path.join(t.app.config.DATA_DIR, 'secrets.json');
      const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
      expect(stored.INCIDENTS_WEBHOOK_TOKEN).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(t.app.secrets.INCIDENTS_WEBHOOK_TOKENS).toEqual([stored.INCIDENTS_WEBHOOK_TOKEN]);
      const send = (token: string) =>
        t.app.inject({
          method: 'POST',
          url: '/v1/alerts/webhook',
          payload: payload('firing'),
          headers: { authorization: `Bearer ${token}` },
        });
      expect((await send(stored.INCIDENTS_WEBHOOK_TOKEN)).json()).toEqual({
        opened: 1,
        repeated: 0,
        resolved: 0,
        ignored: 0,
      });
      const wrong = await send(TOKEN);
      expect([wrong.statusCode, wrong.json().code]).toEqual([401, 'BE_ERR_WEBHOOK_UNAUTHORIZED']);
    } finally {
      await t.close();
    }
  });
});

// Issue 17, item 9: incidents used to land in the oldest organisation when INCIDENTS_ORG_ID was unset.
describe('incidents webhook target', () => {
  const post = (t: TestApp, token = TOKEN) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/alerts/webhook',
      payload: payload('firing'),
      headers: { authorization: `Bearer ${token}` },
    });
  const incidentTotal = async (t: TestApp) =>
    (await t.injectAs(t.admin, { method: 'GET', url: '/v1/incidents' })).json().total;

  it('without INCIDENTS_ORG_ID the webhook is off: 503 BE_ERR_WEBHOOK_DISABLED for everyone, no incident anywhere', async () => {
    const t = await build({ INCIDENTS_WEBHOOK_TOKEN: TOKEN });
    try {
      for (const token of [TOKEN, 'wrong-token-wrong-token']) {
        const res = await post(t, token);
        expect([res.statusCode, res.json().code]).toEqual([503, 'BE_ERR_WEBHOOK_DISABLED']);
        expect(res.json().message).toContain('INCIDENTS_ORG_ID');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
      expect(await incidentTotal(t)).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('opens incidents in the configured organisation, not in the oldest one', async () => {
    let target = '';
    const t = await build(async (_first, db) => {
      target = (await createOrgWithAdmin(db, { orgName: 'Operations', email: 'ops@target.test' })).orgId;
      return { INCIDENTS_WEBHOOK_TOKEN: TOKEN, INCIDENTS_ORG_ID: target };
    });
    try {
      expect((await post(t)).statusCode).toBe(200);
      expect(await incidentTotal(t)).toBe(0);
      const rows = await t.app.db.selectFrom('incidents').select('org_id').execute();
      expect(rows.map((r) => r.org_id)).toEqual([target]);
    } finally {
      await t.close();
    }
  });

  it('refuses to start when INCIDENTS_ORG_ID names no organisation', async () => {
    await expect(
      build({ INCIDENTS_WEBHOOK_TOKEN: TOKEN, INCIDENTS_ORG_ID: '00000000-0000-4000-8000-00000000dead' }),
    ).rejects.toThrow(
      new ConfigError({
        name: 'INCIDENTS_ORG_ID',
        problem: 'no organisation has the id "00000000-0000-4000-8000-00000000dead"',
      }),
    );
  });

  it('accepts every token of INCIDENTS_WEBHOOK_TOKEN_FILE (the file Alertmanager reads), so a token can be rotated', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-webhook-token-'));
    const file = path.join(dir, 'incidents-webhook-token');
    fs.writeFileSync(file, `${TOKEN}-new\n${TOKEN}\n`);
    const t = await build(({ orgId }) => ({ INCIDENTS_ORG_ID: orgId, INCIDENTS_WEBHOOK_TOKEN_FILE: file }));
    try {
      expect((await post(t, `${TOKEN}-new`)).statusCode).toBe(200);
      expect((await post(t, TOKEN)).statusCode).toBe(200);
      expect((await post(t, `${TOKEN}-old`)).statusCode).toBe(401);
    } finally {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

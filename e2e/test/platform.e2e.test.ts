/**
 * Issue 3, "Must show": backend and ai-core as real processes on real ports (development profile,
 * SQLite under a temporary DATA_DIR). The first admin creates an analyst, who uploads the COMPAS
 * file, audits it synchronously and as a job, and finds ProPublica's numbers in the reports; both
 * processes are SIGKILLed and restarted and the reports are byte-for-byte unchanged; HTML and CSV
 * exports; with ai-core down, analyses answer 503 + Retry-After while the rest keeps working.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { DEPENDENCY_AI_CORE, METRIC_DEPENDENCY_UP, ROUTE_HEALTH_DEPENDENCIES } from '@ethixai/observability/names';
import { findSamples, parseScrape } from '@ethixai/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPAS_CONFIG, COMPAS_ROWS, PROPUBLICA, propublicaView, type Counts } from '../support/compas.ts';
import { externalReferences, htmlTables, rowsNamed, tableRows } from '../support/html-tables.ts';
import { call, login, waitFor } from '../support/http-client.ts';
import { groupCounts, inlineAudit } from '../support/inline-audit.ts';
import { COMPAS_CSV, compasAvailable } from '../support/paths.ts';
import { killAll } from '../support/service-process.ts';
import { Stack } from '../support/stack.ts';

const withCompas = compasAvailable('e2e/test/platform.e2e.test.ts: COMPAS upload, analyses, restart, exports');
const STEP = 300_000;
const ANALYST = {
  email: 'analyst@e2e.example.com',
  name: 'E2E Analyst',
  password: `pw-${createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 20)}`,
};
const COUNT_COLUMNS = ['tp', 'fp', 'tn', 'fn'];

describe('platform end to end: backend + ai-core as real processes', () => {
  let stack: Stack;
  let analystToken = '';
  // Filled by earlier steps, checked by later ones (vitest runs a file's tests in order).
  const compas: {
    datasetId?: string;
    reportId?: string;
    reportBytes?: Buffer;
    jobId?: string;
    jobReportId?: string;
    jobReportBytes?: Buffer;
  } = {};

  const backend = () => stack.backend.url;
  const asAnalyst = (method: string, path: string, options: Parameters<typeof call>[3] = {}) =>
    call(backend(), method, path, { token: analystToken, ...options });

  beforeAll(async () => {
    stack = await Stack.start();
  }, STEP);

  afterAll(async () => {
    await killAll();
    await stack?.destroy();
  }, 60_000);

  it(
    'the first admin, printed once on stdout, logs in and creates an analyst who logs in',
    async () => {
      const admin = await stack.waitForPrintedAdmin();
      const adminToken = await login(backend(), admin.email, admin.password);

      const created = await call(backend(), 'POST', '/v1/users', {
        token: adminToken,
        json: { email: ANALYST.email, name: ANALYST.name, role: 'analyst', password: ANALYST.password },
      });
      expect(created.status, created.text).toBe(201);
      expect(created.json().user).toMatchObject({ email: ANALYST.email, role: 'analyst' });
      expect(created.json().initialPassword).toBeUndefined();

      analystToken = await login(backend(), ANALYST.email, ANALYST.password);
      const me = await asAnalyst('GET', '/v1/auth/me');
      expect(me.status).toBe(200);
      expect(me.json()).toMatchObject({ kind: 'user', role: 'analyst', email: ANALYST.email });
      // An analyst administers nobody.
      const denied = await asAnalyst('POST', '/v1/users', { json: { email: 'x@e2e.example.com', role: 'viewer' } });
      expect([denied.status, denied.json().code]).toEqual([403, 'BE_ERR_FORBIDDEN']);
    },
    STEP,
  );

  it.skipIf(!withCompas)(
    'the analyst uploads COMPAS (streamed text/csv) and a synchronous analysis reproduces ProPublica',
    async () => {
      const upload = await asAnalyst('POST', '/v1/datasets?name=compas-two-years', {
        headers: { 'content-type': 'text/csv' },
        body: Readable.toWeb(createReadStream(COMPAS_CSV)) as ReadableStream,
      });
      expect(upload.status, upload.text).toBe(201);
      const dataset = upload.json();
      expect(dataset).toMatchObject({
        rows: COMPAS_ROWS,
        bytes: statSync(COMPAS_CSV).size,
        sha256: createHash('sha256').update(readFileSync(COMPAS_CSV)).digest('hex'),
      });
      compas.datasetId = dataset.id;

      const analysis = await asAnalyst('POST', '/v1/analyses', {
        json: { datasetId: dataset.id, config: COMPAS_CONFIG },
      });
      expect(analysis.status, analysis.text).toBe(201);
      const report = analysis.json();
      expect(analysis.headers.get('location')).toBe(`/v1/reports/${report.id}`);
      expect(report).toMatchObject({ datasetId: dataset.id, rows: COMPAS_ROWS });
      expect(propublicaView(report.result)).toEqual(PROPUBLICA);

      const fetched = await asAnalyst('GET', `/v1/reports/${report.id}`);
      expect(fetched.status).toBe(200);
      expect(fetched.json()).toEqual(report);
      compas.reportId = report.id;
      compas.reportBytes = fetched.bytes;
    },
    STEP,
  );

  it.skipIf(!withCompas)(
    'the same analysis as a job (Prefer: respond-async): 202, polled until it succeeds, same numbers',
    async () => {
      expect(compas.datasetId, 'needs the uploaded dataset of the previous step').toBeDefined();
      const accepted = await asAnalyst('POST', '/v1/analyses', {
        headers: { prefer: 'respond-async' },
        json: { datasetId: compas.datasetId, config: COMPAS_CONFIG },
      });
      expect(accepted.status, accepted.text).toBe(202);
      const job = accepted.json();
      expect(accepted.headers.get('location')).toBe(`/v1/jobs/${job.id}`);
      expect(accepted.headers.get('preference-applied')).toBe('respond-async');
      expect(['queued', 'running']).toContain(job.status);

      const done = await waitFor(`job ${job.id} to finish`, async () => {
        const res = await asAnalyst('GET', `/v1/jobs/${job.id}`);
        expect(res.status, res.text).toBe(200);
        const current = res.json();
        return ['succeeded', 'failed', 'cancelled'].includes(current.status) ? current : undefined;
      });
      expect(done, JSON.stringify(done)).toMatchObject({
        status: 'succeeded',
        progress: 1,
        datasetId: compas.datasetId,
        error: null,
      });
      expect(done.reportId).not.toBe(compas.reportId);

      const report = await asAnalyst('GET', `/v1/reports/${done.reportId}`);
      expect(report.status).toBe(200);
      expect(propublicaView(report.json().result)).toEqual(PROPUBLICA);
      compas.jobId = job.id;
      compas.jobReportId = done.reportId;
      compas.jobReportBytes = report.bytes;
    },
    STEP,
  );

  it.skipIf(!withCompas)(
    'exports: a self-contained HTML report and a per-group CSV, both with the published counts',
    async () => {
      expect(compas.reportId, 'needs the report of the synchronous analysis').toBeDefined();
      const html = await asAnalyst('GET', `/v1/reports/${compas.reportId}/export?format=html`);
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toMatch(/^text\/html/);
      expect(externalReferences(html.text)).toEqual([]);
      expect(html.text).not.toMatch(/<script\b|<link\b|<iframe\b|<img\b/i);
      const tables = htmlTables(html.text);
      for (const [group, counts] of Object.entries(PROPUBLICA.race)) {
        expect(rowsNamed(tables, group, COUNT_COLUMNS), group).toContainEqual(counts);
      }
      expect(tableRows(tables, ['n', ...COUNT_COLUMNS]).map((r) => r.values)).toContainEqual({
        n: COMPAS_ROWS,
        ...PROPUBLICA.overall,
      });

      const csv = await asAnalyst('GET', `/v1/reports/${compas.reportId}/export?format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
      const counts = (row: Record<string, string> | undefined): Counts | undefined =>
        row && { tn: Number(row.tn), fp: Number(row.fp), fn: Number(row.fn), tp: Number(row.tp) };
      for (const [group, expected] of Object.entries(PROPUBLICA.race)) {
        expect(counts(rows.find((r) => r.attribute === 'race' && r.group === group)), group).toEqual(expected);
      }
      expect(rows.filter((r) => Number(r.n) === COMPAS_ROWS).map(counts)).toContainEqual(PROPUBLICA.overall);
      // One row per group of every attribute (race, sex and their intersection) plus the overall row.
      expect(
        rows
          .filter((r) => r.attribute === 'race')
          .map((r) => r.group)
          .sort(),
      ).toEqual(['African-American', 'Asian', 'Caucasian', 'Hispanic', 'Native American', 'Other']);
    },
    STEP,
  );

  it.skipIf(!withCompas)(
    'both processes are SIGKILLed and restarted on the same DATA_DIR: the reports and the job are unchanged',
    async () => {
      expect(compas.reportBytes && compas.jobReportBytes, 'needs both reports of the previous steps').toBeTruthy();
      await Promise.all([stack.backend.kill(), stack.aiCore.kill()]);
      expect(stack.backend.exitStatus.signal).toBe('SIGKILL');
      expect(stack.aiCore.exitStatus.signal).toBe('SIGKILL');
      await stack.startBackend();
      await stack.startAiCore();
      await stack.waitForAiCoreInUse();

      // The access token issued before the crash still verifies: the signing keys persisted.
      const report = await asAnalyst('GET', `/v1/reports/${compas.reportId}`);
      expect(report.status).toBe(200);
      expect(report.bytes.equals(compas.reportBytes!), 'report body after restart differs').toBe(true);

      const job = await asAnalyst('GET', `/v1/jobs/${compas.jobId}`);
      expect(job.json()).toMatchObject({ status: 'succeeded', reportId: compas.jobReportId });
      const jobReport = await asAnalyst('GET', `/v1/reports/${compas.jobReportId}`);
      expect(jobReport.bytes.equals(compas.jobReportBytes!), 'job report body after restart differs').toBe(true);

      analystToken = await login(backend(), ANALYST.email, ANALYST.password);
      // The credentials are printed on the first run only.
      expect(stack.printedAdmin()).toBeNull();
    },
    STEP,
  );

  const outage: { audit?: ReturnType<typeof inlineAudit>; reportId?: string; reportBytes?: Buffer } = {};

  it(
    'with ai-core killed, analyses answer 503 + Retry-After while reports, auth and /ready keep working',
    async () => {
      const audit = inlineAudit(1);
      const created = await asAnalyst('POST', '/v1/analyses', { json: audit.body });
      expect(created.status, created.text).toBe(201);
      expect(groupCounts(created.json().result, 'region')).toEqual(audit.expected);
      const reportId = created.json().id as string;
      const before = await asAnalyst('GET', `/v1/reports/${reportId}`);
      Object.assign(outage, { audit, reportId, reportBytes: before.bytes });

      await stack.aiCore.kill();
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const refused = await asAnalyst('POST', '/v1/analyses', { json: audit.body });
        expect(refused.status, refused.text).toBe(503);
        expect(refused.json()).toMatchObject({ statusCode: 503, code: 'BE_ERR_AI_CORE_UNAVAILABLE' });
        expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      }
      if (compas.datasetId !== undefined) {
        const refused = await asAnalyst('POST', '/v1/analyses', {
          json: { datasetId: compas.datasetId, config: COMPAS_CONFIG },
        });
        expect([refused.status, refused.json().code]).toEqual([503, 'BE_ERR_AI_CORE_UNAVAILABLE']);
        expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      }

      const report = await asAnalyst('GET', `/v1/reports/${reportId}`);
      expect(report.status).toBe(200);
      expect(report.bytes.equals(before.bytes)).toBe(true);
      expect((await asAnalyst('GET', '/v1/auth/me')).status).toBe(200);
      expect((await call(backend(), 'GET', '/ready')).status).toBe(200);
      expect(stack.backend.alive).toBe(true);
    },
    STEP,
  );

  it(
    'while ai-core is down, /health/dependencies and the backend metrics say so (DESIGN §6)',
    async () => {
      expect(stack.aiCore.alive, 'needs ai-core stopped by the previous step').toBe(false);
      const health = await call(backend(), 'GET', ROUTE_HEALTH_DEPENDENCIES);
      expect(health.status).toBe(200);
      expect(health.json(), health.text).toMatchObject({
        status: 'degraded',
        dependencies: { [DEPENDENCY_AI_CORE]: { status: 'down' } },
      });
      const metrics = parseScrape((await call(backend(), 'GET', '/metrics', { headers: stack.metricsAuth() })).text);
      expect(
        findSamples(metrics, METRIC_DEPENDENCY_UP, { dependency: DEPENDENCY_AI_CORE }).map((s) => s.value),
      ).toEqual([0]);
    },
    STEP,
  );

  it(
    'once ai-core is back (and the circuit lets a call through), analyses succeed again',
    async () => {
      expect(outage.audit, 'needs the outage step').toBeDefined();
      const audit = outage.audit!;
      if (!stack.aiCore.alive) await stack.startAiCore();
      const again = await waitFor(
        'an analysis to succeed after ai-core restarted',
        async () => {
          const res = await asAnalyst('POST', '/v1/analyses', { json: audit.body });
          return res.status === 503 ? undefined : res;
        },
        90_000,
        1_000,
      );
      expect(again.status, again.text).toBe(201);
      expect(groupCounts(again.json().result, 'region')).toEqual(audit.expected);
    },
    STEP,
  );
});

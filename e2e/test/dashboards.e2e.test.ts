/**
 * Issue 21, "Must show": backend and ai-core as real processes under a short load
 * (support/dashboard-load.ts), a real Prometheus scraping them every second with the metrics
 * credential and the generated rules (the alerting e2e's stack), then every PromQL target of every
 * generated dashboard is run against it and must return data, except the panels listed below
 * with the reason they may legitimately be empty. Every metric a panel or a rule names must exist
 * in a real scrape of the services (or be a recording rule's output, or Prometheus' own).
 * The stress dashboard is checked while it matters: during a short `npm run stress` run against
 * the same services, with Prometheus scraping the suite's live metrics (`--metrics-port`) too,
 * every one of its PromQL targets must return a finite value.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DASHBOARDS_DIR } from '@ethixai/grafana/artefacts';
import { PROMETHEUS } from '@ethixai/grafana';
import { selectedMetrics, substituteVariables, CHECK_VALUES } from '@ethixai/grafana/promql';
import { JOB_ALERTMANAGER, JOB_PROMETHEUS, ruleFiles } from '@ethixai/slo';
import { binariesAvailable } from '@ethixai/slo/testing';
import { parseScrape } from '@ethixai/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertingStack } from '@ethixai/slo/testing/alerting-stack';
import { CaptureServer } from '@ethixai/slo/testing/capture-server';
import { driveDashboardLoad } from '../support/dashboard-load.ts';
import { call, login, waitFor } from '../support/http-client.ts';
import { Stack } from '../support/stack.ts';
import { StressRun } from '../support/stress-run.ts';
import { freePort } from '../support/service-process.ts';

const available = binariesAvailable('e2e/test/dashboards.e2e.test.ts: dashboard queries against a real Prometheus', [
  'prometheus',
  'prometheus-alertmanager',
]);

/** Panels whose queries may return nothing after the load, and why. Keyed `<uid> / <panel title>`. */
export const LEGITIMATELY_EMPTY: Readonly<Record<string, string>> = {
  'ethixai-errors / Timeouts and abandoned requests':
    'no request times out (408, 504) or is abandoned by its client (499) in a healthy short run',
  'ethixai-database / Connection pool (PostgreSQL)':
    'this stack runs on SQLite, which has no pool (services/backend/test/db/connect.test.ts checks the series on PostgreSQL)',
};

/** Checked during a stress run (its own test), not after the dashboard load: its panels show a run. */
const STRESS_DASHBOARD = 'ethixai-stress';

/** A short run of the stress suite: a ramp, then a steady phase long enough for every rate window to fill. */
const STRESS_SCENARIO = {
  name: 'dashboard-e2e',
  description:
    'The dashboards e2e: a short ramp and a steady phase of evaluations, reads, health checks and inline analyses.',
  kind: 'open-loop',
  warmupSeconds: 1,
  phases: [
    { name: 'ramp', seconds: 4, from: 4, to: 12 },
    { name: 'steady', seconds: 16, rate: 12 },
  ],
  mix: [
    { endpoint: 'evaluate', weight: 6, expect: [201] },
    { endpoint: 'reports.list', weight: 2, expect: [200] },
    { endpoint: 'health', weight: 2, expect: [200] },
    // 503 is the backend's designed answer when ai-core is saturated (Retry-After); on a loaded
    // machine a few analyses get it, and this run is about the dashboard, not capacity.
    { endpoint: 'analyses.inline', weight: 1, expect: [201, 503] },
  ],
  requestTimeoutMs: 30_000,
};

interface Target {
  expr: string;
  refId: string;
  datasource: { uid: string };
}
interface Panel {
  title: string;
  targets: Target[];
}
const dashboards = fs
  .readdirSync(DASHBOARDS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(DASHBOARDS_DIR, f), 'utf8')) as { uid: string; panels: Panel[] });
const promTargets = dashboards.flatMap((d) =>
  d.panels.flatMap((p) =>
    p.targets
      .filter((t) => t.datasource.uid === PROMETHEUS.uid)
      .map((t) => ({ key: `${d.uid} / ${p.title}`, refId: t.refId, expr: t.expr })),
  ),
);
/** 1 s scrapes: four samples fit in a 10 s window, as $__rate_interval guarantees in Grafana. */
const E2E_VALUES = { ...CHECK_VALUES, __rate_interval: '10s' };

describe.runIf(available)('dashboards end to end: every PromQL panel returns data from a real Prometheus', () => {
  let stack: Stack;
  let alerting: AlertingStack;
  let capture: CaptureServer;
  /** The services' scrape credential (their generated METRICS_TOKEN_FILE), which Prometheus sends too. */
  let metricsToken = '';
  let admin: { email: string; password: string };
  let stressPort = 0;
  /** Metric names in a scrape of the stress suite's /metrics during its run. */
  const stressScraped = new Set<string>();
  const timings: Record<string, number> = {};

  const query = async (expr: string) => {
    const res = await call(alerting.prometheus.url, 'GET', `/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = res.json<{ status: string; error?: string; data: { result: unknown[] } }>();
    if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
    return body.data.result;
  };

  beforeAll(async () => {
    const started = Date.now();
    capture = await CaptureServer.start();
    // The load reads as fast as the machine allows for a few seconds, as one user: no per-user
    // limit here (the total of RATE_LIMIT_USER_MAX counts every route; rate-limit tests cover it).
    stack = await Stack.start({ env: { LOG_LEVEL: 'warn' }, backendEnv: { RATE_LIMIT_USER_MAX: '1000000' } });
    metricsToken = stack.metricsToken();
    stressPort = await freePort();
    alerting = await AlertingStack.start({
      backendUrl: stack.backend.url,
      aiCoreUrl: stack.aiCore.url,
      captureUrl: capture.url,
      incidentsWebhookToken: randomBytes(24).toString('base64url'),
      metricsToken,
      stressTarget: `127.0.0.1:${stressPort}`,
    });
    admin = await stack.waitForPrintedAdmin();
    const token = await login(stack.backend.url, admin.email, admin.password);
    const load = await driveDashboardLoad(stack, token);
    timings.loadMs = Date.now() - started;
    process.stdout.write(
      `\ndashboards e2e: ${load.requests} requests, ${load.refusedDuringOutage} refused during the ai-core outage\n`,
    );
  }, 180_000);

  afterAll(async () => {
    process.stdout.write(`\ndashboards e2e timings (ms): ${JSON.stringify(timings)}\n`);
    await alerting?.destroy();
    await stack?.destroy();
    await capture?.close();
  }, 60_000);

  it('during a stress run (npm run stress --metrics-port, scraped by Prometheus), every stress-dashboard PromQL target returns a finite value', async () => {
    const started = Date.now();
    const run = new StressRun({
      stack,
      admin,
      scenario: STRESS_SCENARIO,
      metricsPort: stressPort,
      metricsTokenFile: path.join(stack.dataDir, 'secrets', 'metrics-token'),
      lingerSeconds: 1,
    });
    try {
      const running = { done: false };
      void run.ended.then(() => (running.done = true));
      let loadStarted = Number.NaN;
      run.onStderr((text) => {
        if (Number.isNaN(loadStarted) && /: load\n/.test(text)) loadStarted = Date.now();
      });
      const pending = new Map(
        promTargets
          .filter((t) => t.key.startsWith(`${STRESS_DASHBOARD} / `))
          .map((t) => [`${t.key} / ${t.refId}`, substituteVariables(t.expr, E2E_VALUES)]),
      );
      const finite = (result: unknown[]) =>
        result.some((s) => Number.isFinite(Number((s as { value: [number, string] }).value[1])));
      await waitFor(
        `finite values for all ${pending.size} stress-dashboard queries during the run`,
        async () => {
          if (running.done) throw new Error(`the stress run ended first:\n${(await run.ended).stderr.slice(-3000)}`);
          for (const [key, expr] of pending) if (finite(await query(expr))) pending.delete(key);
          return pending.size === 0 ? true : undefined;
        },
        40_000,
        1_000,
      ).catch((error: Error) => {
        throw new Error(
          `${error.message}; still without data:\n${[...pending].map(([k, e]) => `  ${k}: ${e}`).join('\n')}`,
        );
      });
      timings.stressPanelsMs = Date.now() - started;
      // From the CLI's start: process start-up and the fixtures come before the load.
      timings.stressLoadStartedMs = loadStarted - started;
      const res = await call(`http://127.0.0.1:${stressPort}`, 'GET', '/metrics');
      expect(res.status).toBe(200);
      for (const sample of parseScrape(res.text).samples) stressScraped.add(sample.name);
      // The run itself passes: every answer was one the scenario expects.
      const end = await run.ended;
      expect(end.code, end.stderr.slice(-3000)).toBe(0);
      const result = JSON.parse(fs.readFileSync(end.resultFile, 'utf8')) as {
        requests: { sent: number; unexpected: number };
      };
      expect(result.requests.unexpected).toBe(0);
      expect(result.requests.sent).toBeGreaterThan(200);
      timings.stressRunMs = Date.now() - started;
    } finally {
      run.remove();
    }
  }, 120_000);

  it('every PromQL target returns data, except the listed legitimately empty panels', async () => {
    const started = Date.now();
    const pending = new Map(
      promTargets
        .filter((t) => !(t.key in LEGITIMATELY_EMPTY) && !t.key.startsWith(`${STRESS_DASHBOARD} / `))
        .map((t) => [`${t.key} / ${t.refId}`, substituteVariables(t.expr, E2E_VALUES)]),
    );
    // Rules and rate windows need a few more scrapes after the load; each query is retried until it answers.
    await waitFor(
      `data for all ${pending.size} queries`,
      async () => {
        for (const [key, expr] of pending) if ((await query(expr)).length > 0) pending.delete(key);
        return pending.size === 0 ? true : undefined;
      },
      60_000,
      1_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; still empty:\n${[...pending].map(([k, e]) => `  ${k}: ${e}`).join('\n')}`);
    });
    timings.queriesMs = Date.now() - started;
    // The list is not stale: each listed panel exists.
    for (const key of Object.keys(LEGITIMATELY_EMPTY))
      expect(
        promTargets.some((t) => t.key === key),
        key,
      ).toBe(true);
    process.stdout.write(
      `\n${promTargets.length - Object.keys(LEGITIMATELY_EMPTY).length} of ${promTargets.length} PromQL targets returned data; legitimately empty:\n${Object.entries(
        LEGITIMATELY_EMPTY,
      )
        .map(([k, why]) => `  ${k}: ${why}`)
        .join('\n')}\n`,
    );
  }, 120_000);

  it('every metric a panel or a rule names exists in a real scrape of the services (with the metrics credential)', async () => {
    // The stress suite's metrics, from its own /metrics during the run (the test above).
    const scraped = new Set<string>(stressScraped);
    expect(stressScraped.size, 'the stress run test scraped the suite').toBeGreaterThan(0);
    for (const url of [stack.backend.url, stack.aiCore.url]) {
      const res = await call(url, 'GET', '/metrics', { token: metricsToken });
      expect(res.status).toBe(200);
      const scrape = parseScrape(res.text);
      for (const sample of scrape.samples) scraped.add(sample.name);
      // A family the service exports but has no series for yet (the pool gauge on SQLite) counts:
      // its name is in the scrape's # TYPE line.
      for (const [family, type] of scrape.types) {
        scraped.add(family);
        if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) scraped.add(`${family}${suffix}`);
      }
    }
    const rules = Object.values(ruleFiles()).flatMap((f) => f.groups.flatMap((g) => g.rules));
    const recorded = new Set(rules.flatMap((r) => ('record' in r ? [r.record] : [])));
    const selfMonitoring = new Set(
      (await query(`count by (__name__) ({job=~"${JOB_PROMETHEUS}|${JOB_ALERTMANAGER}"})`)).map(
        (s) => (s as { metric: { __name__: string } }).metric.__name__,
      ),
    );
    const named = new Map<string, string>();
    for (const t of promTargets)
      for (const m of selectedMetrics(substituteVariables(t.expr, E2E_VALUES))) named.set(m, t.key);
    for (const r of rules)
      for (const m of selectedMetrics(r.expr)) named.set(m, 'record' in r ? `record ${r.record}` : `alert ${r.alert}`);
    const missing = [...named].filter(
      ([m]) => !scraped.has(m) && !recorded.has(m) && !selfMonitoring.has(m) && m !== 'up',
    );
    expect(missing.map(([m, where]) => `${m} (${where})`)).toEqual([]);
    expect(named.size).toBeGreaterThan(20);
  }, 60_000);
});

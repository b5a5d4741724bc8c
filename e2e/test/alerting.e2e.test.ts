/**
 * Issue 19, "Must show": backend and ai-core as real processes, a real Prometheus scraping them
 * every second with the rules generated from ops/slo (windows and for: compressed 60x), and a
 * real Alertmanager whose Slack and PagerDuty receivers post to a capture server in this test and
 * whose incidents webhook posts to the real backend. ai-core is killed (ServiceDown pages the
 * analysis team, the backend opens an incident), analyses answered 503 burn the backend's budget
 * (the SLO page reaches the platform team), ai-core comes back (resolved notifications, incident
 * closed). tools/health-check runs once healthy and once with ai-core down.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  ANALYSIS_ROUTES,
  METRIC_HTTP_REQUESTS_TOTAL,
  SERVICE_AI_CORE,
  SERVICE_BACKEND,
} from '@ethixai/observability/names';
import { SELF_MONITORING, type Team } from '@ethixai/slo';
import { binariesAvailable } from '@ethixai/slo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertingStack, pagerDutyKey } from '@ethixai/slo/testing/alerting-stack';
import { CaptureServer, type Delivery } from '@ethixai/slo/testing/capture-server';
import { call, login, waitFor } from '../support/http-client.ts';
import { inlineAudit } from '../support/inline-audit.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { Stack } from '../support/stack.ts';

const available = binariesAvailable('e2e/test/alerting.e2e.test.ts: alert delivery end to end', [
  'prometheus',
  'prometheus-alertmanager',
]);
/** Every wait is bounded: scrape 1s + evaluation 1s + for 1-2s + group wait 1s, with room for a loaded 2-core machine. */
const ALERT_WAIT_MS = 45_000;

interface HealthRun {
  code: number;
  output: string;
}

function healthCheck(args: string[]): Promise<HealthRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'tools/health-check/src/health-check.ts'), ...args],
      { timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1,
          output: `${stdout}${stderr}`,
        });
      },
    );
  });
}

const isPagerDuty = (d: Delivery) => d.path === '/pagerduty';
const isSlack = (team: string) => (d: Delivery) => d.path === `/slack/${team}`;
const mentions = (d: Delivery, text: string) => JSON.stringify(d.body).includes(text);

/** PagerDuty Events API v2, as Alertmanager's pagerduty_configs send it. */
function expectPagerDutyEvent(d: Delivery, team: Team, action: 'trigger' | 'resolve'): void {
  expect(d.body).toMatchObject({
    routing_key: pagerDutyKey(team),
    event_action: action,
    client: 'EthixAI Alertmanager',
  });
  expect(d.body.dedup_key).toMatch(/^[0-9a-f]{64}$/);
  expect(d.body.client_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/alerts\?receiver=/);
  if (action === 'trigger') {
    expect(d.body.payload).toMatchObject({ severity: 'critical' });
    expect(d.body.payload.summary).toMatch(/^\[FIRING:\d+\] /);
    expect(d.body.payload.custom_details).toMatchObject({ team });
    expect(d.body.payload.custom_details.runbook).toMatch(/^docs\/runbooks\/\w+\.md$/);
    expect(d.body.payload.custom_details.summary).not.toBe('');
    expect(d.body.payload.custom_details.value).not.toBe('');
    expect(d.body.links).toEqual([{ href: d.body.payload.custom_details.runbook, text: 'Runbook' }]);
  }
}

/** Slack incoming-webhook message: channel, one attachment with title, link back, text and colour. */
function expectSlackMessage(d: Delivery, channel: string, status: 'FIRING' | 'RESOLVED'): void {
  expect(d.body.channel).toBe(channel);
  const [attachment] = d.body.attachments;
  expect(attachment.title).toMatch(new RegExp(`^\\[${status}`));
  expect(attachment.title_link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/alerts\?receiver=/);
  expect(attachment.color).toBe(status === 'FIRING' ? 'danger' : 'good');
  for (const field of ['*Value:*', '*Runbook:* docs/runbooks/', '*Source:* http://127.0.0.1:'])
    expect(attachment.text).toContain(field);
}

describe.runIf(available)('alerting end to end: Prometheus + Alertmanager over the real services', () => {
  let stack: Stack;
  let alerting: AlertingStack;
  let capture: CaptureServer;
  let adminToken = '';
  const webhookToken = randomBytes(24).toString('base64url');
  const measured: Record<string, number> = {};

  const deliveries = (filter: (d: Delivery) => boolean) => capture.deliveries.filter(filter);
  const delivery = (what: string, filter: (d: Delivery) => boolean) =>
    waitFor(
      `${what}; got ${capture.deliveries.map((d) => `${d.path}: ${JSON.stringify(d.body).slice(0, 160)}`).join('\n') || 'nothing'}`,
      async () => capture.deliveries.find(filter),
      ALERT_WAIT_MS,
      200,
    );
  const incidents = async (status: 'open' | 'resolved') =>
    (await call(stack.backend.url, 'GET', `/v1/incidents?status=${status}`, { token: adminToken })).json<{
      items: { alertname: string; labels: Record<string, string>; status: string; severity: string }[];
    }>().items;
  const healthArgs = () => [
    '--backend',
    stack.backend.url,
    '--ai-core',
    stack.aiCore.url,
    '--prometheus',
    alerting.prometheus.url,
    '--alertmanager',
    alerting.alertmanager.url,
    '--timeout-ms',
    '3000',
  ];
  const promQuery = async (query: string) =>
    (await call(alerting.prometheus.url, 'GET', `/api/v1/query?query=${encodeURIComponent(query)}`)).json<{
      data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    }>().data.result;

  beforeAll(async () => {
    capture = await CaptureServer.start();
    stack = await Stack.start();
    const admin = await stack.waitForPrintedAdmin();
    adminToken = await login(stack.backend.url, admin.email, admin.password);
    // The webhook needs an existing organisation to own incidents (INCIDENTS_ORG_ID) and a bearer
    // token; the first run creates the organisation, so the backend restarts with both, as an operator would.
    await stack.enableIncidentsWebhook(adminToken, { INCIDENTS_WEBHOOK_TOKEN: webhookToken });
    alerting = await AlertingStack.start({
      backendUrl: stack.backend.url,
      aiCoreUrl: stack.aiCore.url,
      captureUrl: capture.url,
      incidentsWebhookToken: webhookToken,
      metricsToken: stack.metricsToken(),
    });
  }, 120_000);

  afterAll(async () => {
    if (Object.keys(measured).length > 0)
      process.stdout.write(`\nalerting e2e, measured (ms): ${JSON.stringify(measured)}\n`);
    await alerting?.destroy();
    await stack?.destroy();
    await capture?.close();
  }, 60_000);

  it('with everything up, every target is scraped and tools/health-check reports healthy', async () => {
    await waitFor(
      'all four targets up',
      async () => {
        const up = await promQuery('up');
        return up.length === 4 && up.every((s) => s.value[1] === '1') ? up : undefined;
      },
      30_000,
      250,
    );
    const run = await healthCheck(healthArgs());
    expect(run.output).toMatch(/^CHECK\s+STATUS\s+DETAIL/);
    expect(run.output).toContain('healthy: all 10 checks passed');
    expect(run.code, run.output).toBe(0);
    // the self-monitoring series the pipeline alerts read exist under these names
    const self = await promQuery(`count by (__name__) ({__name__=~"${SELF_MONITORING.join('|')}"})`);
    expect(self.map((s) => s.metric.__name__).sort()).toEqual([...SELF_MONITORING].sort());
  }, 60_000);

  it('killing ai-core pages the analysis team on PagerDuty and Slack and opens an incident', async () => {
    const killedAt = Date.now();
    await stack.aiCore.kill();

    const page = await delivery(
      'a PagerDuty trigger for ServiceDown of ai-core',
      (d) => isPagerDuty(d) && mentions(d, 'ServiceDown') && mentions(d, SERVICE_AI_CORE),
    );
    measured.aiCoreKilledToPage = page.receivedAt - killedAt;
    expectPagerDutyEvent(page, 'analysis', 'trigger');
    expect(page.body.payload.summary).toBe(`[FIRING:1] ServiceDown ${SERVICE_AI_CORE}`);

    const slack = await delivery(
      'a Slack message for ServiceDown in #ethixai-analysis',
      (d) => isSlack('analysis')(d) && mentions(d, 'ServiceDown'),
    );
    expectSlackMessage(slack, '#ethixai-analysis', 'FIRING');
    expect(slack.body.attachments[0].text).toContain('*Runbook:* docs/runbooks/ServiceDown.md');

    const incident = await waitFor(
      'an open ServiceDown incident in the backend',
      async () =>
        (await incidents('open')).find((i) => i.alertname === 'ServiceDown' && i.labels.service === SERVICE_AI_CORE),
      ALERT_WAIT_MS,
      250,
    );
    expect(incident).toMatchObject({ severity: 'critical', status: 'open' });
    expect(incident.labels).toMatchObject({ team: 'analysis', job: 'ai_core' });
    measured.aiCoreKilledToIncident = Date.now() - killedAt;
    // a page for the analysis team only: nothing reached the platform's PagerDuty key for this
    expect(
      deliveries(
        (d) => isPagerDuty(d) && d.body.routing_key === pagerDutyKey('platform') && mentions(d, 'ServiceDown'),
      ),
    ).toEqual([]);
  }, 60_000);

  it('the down service silences its own symptoms: InstanceDown is inhibited, not delivered', async () => {
    const inhibited = await waitFor(
      'InstanceDown of ai-core held back by ServiceDown',
      async () => {
        const alerts = (await call(alerting.alertmanager.url, 'GET', '/api/v2/alerts')).json<
          { labels: Record<string, string>; status: { state: string; inhibitedBy: string[] } }[]
        >();
        return alerts.find(
          (a) =>
            a.labels.alertname === 'InstanceDown' &&
            a.labels.service === SERVICE_AI_CORE &&
            a.status.state === 'suppressed' &&
            a.status.inhibitedBy.length > 0,
        );
      },
      ALERT_WAIT_MS,
      250,
    );
    expect(inhibited.labels.severity).toBe('warning');
    expect(deliveries((d) => mentions(d, 'InstanceDown'))).toEqual([]);
  }, 60_000);

  it('with ai-core down, tools/health-check exits non-zero naming ai-core and its target', async () => {
    await waitFor(
      'the ai_core target marked down',
      async () => ((await promQuery('up{job="ai_core"} == 0')).length === 1 ? true : undefined),
      30_000,
      250,
    );
    const run = await healthCheck(healthArgs());
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(/^ai-core \/health\s+FAIL/m);
    expect(run.output).toMatch(/^prometheus targets\s+FAIL\s+.*ai_core/m);
    expect(run.output).toMatch(/^backend \/ready\s+ok/m);
    expect(run.output.trimEnd().split('\n').at(-1)).toBe(
      'unhealthy: ai-core /health, ai-core /ready, prometheus targets',
    );
  }, 60_000);

  it('analyses answered 503 while ai-core is down burn the backend budget: the SLO page reaches the platform team', async () => {
    const body = inlineAudit(1, 60).body;
    const burstAt = Date.now();
    let answered503 = 0;
    // About 200 analyses over 5 seconds: the 1h (here 1m) window holds well over the 70 events
    // the page needs, and the 5m (here 5s) window sees nothing but failures.
    for (let round = 0; round < 25; round += 1) {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          call(stack.backend.url, 'POST', '/v1/analyses', { token: adminToken, json: body, timeoutMs: 10_000 }),
        ),
      );
      answered503 += answers.filter((a) => a.status === 503 && a.json().code === 'BE_ERR_AI_CORE_UNAVAILABLE').length;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(answered503).toBe(200);

    const page = await delivery(
      'a PagerDuty trigger for the backend availability budget',
      (d) =>
        isPagerDuty(d) &&
        mentions(d, 'ErrorBudgetBurn') &&
        mentions(d, SERVICE_BACKEND) &&
        d.body.event_action === 'trigger',
    );
    measured.errorBurstToSloPage = page.receivedAt - burstAt;
    expectPagerDutyEvent(page, 'platform', 'trigger');
    expect(page.body.payload.summary).toBe(`[FIRING:1] ErrorBudgetBurn ${SERVICE_BACKEND} (availability)`);
    expect(page.body.payload.custom_details.value).toMatch(/bad events in the short window/);
    const slack = await delivery(
      'a Slack message for the SLO page in #ethixai-platform',
      (d) => isSlack('platform')(d) && mentions(d, 'ErrorBudgetBurn'),
    );
    expectSlackMessage(slack, '#ethixai-platform', 'FIRING');

    // the analyses were counted under a route the 100 ms latency SLO leaves out
    const failed = await promQuery(`${METRIC_HTTP_REQUESTS_TOTAL}{job="backend",method="POST",status="503"}`);
    expect(failed).toHaveLength(1);
    expect(ANALYSIS_ROUTES).toContain(failed[0]!.metric.route);
  }, 90_000);

  it('restarting ai-core resolves the page, the Slack message and the incident', async () => {
    const restartedAt = Date.now();
    await stack.startAiCore();
    const trigger = deliveries((d) => isPagerDuty(d) && mentions(d, 'ServiceDown'))[0]!;
    const resolved = await delivery(
      'a PagerDuty resolve for ServiceDown of ai-core',
      (d) => isPagerDuty(d) && d.body.event_action === 'resolve' && d.body.dedup_key === trigger.body.dedup_key,
    );
    measured.aiCoreRestartedToResolve = resolved.receivedAt - restartedAt;
    expectPagerDutyEvent(resolved, 'analysis', 'resolve');
    const slack = await delivery(
      'a resolved Slack message for ServiceDown',
      (d) =>
        isSlack('analysis')(d) && mentions(d, 'ServiceDown') && d.body.attachments[0].title.startsWith('[RESOLVED]'),
    );
    expectSlackMessage(slack, '#ethixai-analysis', 'RESOLVED');
    const closed = await waitFor(
      'the ServiceDown incident resolved by Alertmanager',
      async () =>
        (await incidents('resolved')).find(
          (i) => i.alertname === 'ServiceDown' && i.labels.service === SERVICE_AI_CORE,
        ),
      ALERT_WAIT_MS,
      250,
    );
    expect(closed.status).toBe('resolved');
    expect((await incidents('open')).filter((i) => i.alertname === 'ServiceDown')).toEqual([]);
  }, 90_000);
});

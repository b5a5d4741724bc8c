import { SERVICE_AI_CORE, SERVICE_BACKEND } from '@ethixai/observability/names';
import { binariesAvailable } from '@ethixai/slo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertReport } from '../src/alert-judge.ts';
import { ALERTS_PROFILE, ALERTS_STACK, resilienceViolations } from '../src/alert-profile.ts';
import { renderAlertsHtml } from '../src/alert-report-html.ts';
import { runDrillWithAlerts } from '../src/alert-run.ts';
import type { DrillResult } from '../src/drill.ts';
import { startStack, type Stack } from '../src/stack.ts';
import { summarise } from '../src/summary.ts';

const PG_URL = process.env.ETHIXAI_TEST_PG_URL;
const available =
  binariesAvailable('tools/chaos/test/chaos-alerts.test.ts: alerts under chaos', [
    'prometheus',
    'prometheus-alertmanager',
  ]) && PG_URL !== undefined;

/**
 * Issue 20, "the right alerts fire, per fault": the alerting drill (tools/chaos/src/alert-profile.ts)
 * against the real services on PostgreSQL, watched by a real Prometheus (the generated rules,
 * compressed 60x as in e2e/test/alerting.e2e.test.ts, scraping with the metrics credential) and
 * a real Alertmanager posting to a local receiver. Error burst → the backend's availability page;
 * the only ai-core killed → ServiceDown and CircuitOpen; PostgreSQL's connections reset →
 * DependencyDown of the database; nothing judged fires in the calm before and after. About 2.5 min.
 */
describe.runIf(available)('alerts under chaos (alerts profile, PostgreSQL)', () => {
  let stack: Stack;
  let result: DrillResult;
  let alerts: AlertReport;
  beforeAll(async () => {
    stack = await startStack({ pgUrl: PG_URL, ...ALERTS_STACK });
    ({ result, alerts } = await runDrillWithAlerts(stack, ALERTS_PROFILE));
    process.stdout.write(
      `\nalerts under chaos: ${alerts.phases
        .flatMap((p) =>
          p.started.filter((a) => a.expected).map((a) => `${p.phase}: ${a.alertname} firing +${a.firing_after_ms} ms`),
        )
        .join('; ')}\n`,
    );
  }, 400_000);
  afterAll(async () => stack?.close(), 30_000);

  const phase = (kind: string) =>
    alerts.phases.find((p) => p.role === 'fault' && result.phases[alerts.phases.indexOf(p)]!.kind === kind)!;
  const fired = (p: AlertReport['phases'][number], alertname: string, labels: Record<string, string>) =>
    p.started.find(
      (a) =>
        a.alertname === alertname &&
        a.firing_after_ms !== null &&
        Object.entries(labels).every(([k, v]) => a.labels[k] === v),
    );

  it('the error burst fires the backend availability page, notified through Alertmanager', () => {
    const page = fired(phase('proxy'), 'ErrorBudgetBurn', {
      service: SERVICE_BACKEND,
      slo: 'availability',
      severity: 'critical',
    });
    expect(page, JSON.stringify(phase('proxy'))).toBeDefined();
    expect(page!.notified_after_ms).not.toBeNull();
  });

  it('killing the only ai-core fires ServiceDown and CircuitOpen', () => {
    const p = phase('ai-core-kill');
    const down = fired(p, 'ServiceDown', { service: SERVICE_AI_CORE, severity: 'critical' });
    expect(down, JSON.stringify(p)).toBeDefined();
    expect(down!.notified_after_ms).not.toBeNull();
    // The down service inhibits its own symptoms in Alertmanager: CircuitOpen fires in Prometheus, held back there.
    const circuit = fired(p, 'CircuitOpen', { dependency: 'ai_core' });
    expect(circuit, JSON.stringify(p)).toBeDefined();
    expect(circuit!.notified_after_ms !== null || circuit!.inhibited).toBe(true);
  });

  it('PostgreSQL unreachable fires DependencyDown of the database', () => {
    const p = phase('db-proxy');
    const down = fired(p, 'DependencyDown', { dependency: 'database', severity: 'critical' });
    expect(down, JSON.stringify(p)).toBeDefined();
    expect(down!.notified_after_ms).not.toBeNull();
  });

  it('nothing judged fires in the calm before and after, and every expectation holds', () => {
    expect(alerts.phases[0]!.role).toBe('calm-before');
    expect(alerts.phases.at(-1)!.role).toBe('calm-after');
    expect(alerts.violations).toEqual([]);
  });

  it('the services held the other goals meanwhile: no 500, no acknowledged write lost, recovery', () => {
    expect(resilienceViolations(ALERTS_PROFILE, summarise(result))).toEqual([]);
  });

  it('renders the alerts section of the report with the delays', () => {
    const html = renderAlertsHtml(alerts);
    expect(html).toContain('ServiceDown');
    expect(html).toContain('DependencyDown');
    expect(html).not.toMatch(/<script/);
  });
});

import { describe, expect, it } from 'vitest';
import { expectedAlerts, judgeAlerts } from '../src/alert-judge.ts';
import type { Activation, AlertObservations, Notification } from '../src/alert-watch.ts';
import type { DrillResult } from '../src/drill.ts';
import type { Step } from '../src/profiles.ts';

const T0 = Date.parse('2026-12-07T00:00:00.000Z');
const steps: Step[] = [
  { kind: 'calm', ms: 10_000 },
  { kind: 'ai-core-kill', replica: 0, ms: 10_000 },
  { kind: 'calm', ms: 20_000 },
];
const result: DrillResult = {
  profile: 'alerts',
  startedAt: new Date(T0).toISOString(),
  phases: [
    { name: 'calm', kind: 'calm', startMs: 0, clearedMs: 10_000, recoveryMs: null },
    { name: 'kill', kind: 'ai-core-kill', startMs: 10_000, clearedMs: 20_000, recoveryMs: 300 },
    { name: 'calm', kind: 'calm', startMs: 20_000, clearedMs: 40_000, recoveryMs: null },
  ],
  operations: [],
  lost: [],
};

const active = (
  alertname: string,
  labels: Record<string, string>,
  from: number,
  to: number,
  firingAt?: number,
): Activation => ({
  alertname,
  labels,
  activeAt: T0 + from,
  firingSeenAt: firingAt === undefined ? null : T0 + firingAt,
  lastSeenAt: T0 + to,
  lastState: firingAt === undefined ? 'pending' : 'firing',
  inhibited: false,
});
const notified = (at: number, a: Activation): Notification => ({
  receivedAt: T0 + at,
  status: 'firing',
  labels: { alertname: a.alertname, ...a.labels },
});
const observe = (activations: Activation[], notifications: Notification[]): AlertObservations => ({
  watchedFrom: T0,
  watchedUntil: T0 + 40_000,
  polls: 160,
  activations,
  notifications,
});

const serviceDown = active(
  'ServiceDown',
  { service: 'ethixai-ai-core', severity: 'critical', job: 'ai_core' },
  10_500,
  21_000,
  11_700,
);
const circuit = active(
  'CircuitOpen',
  { dependency: 'ai_core', service: 'ethixai-ai-core', severity: 'warning' },
  13_000,
  22_000,
  15_200,
);

describe('judging alerts per drill phase', () => {
  it('expects ServiceDown and CircuitOpen when the only ai-core dies, an instance down when one of two does', () => {
    expect(expectedAlerts(steps[1]!, 1).map((e) => e.alertname)).toEqual(['ServiceDown', 'CircuitOpen']);
    expect(expectedAlerts(steps[1]!, 2).map((e) => e.alertname)).toEqual(['InstanceDown']);
    expect(expectedAlerts({ kind: 'db-proxy', fault: { kind: 'latency', ms: 200 }, ms: 1 }, 1)).toEqual([]);
    expect(expectedAlerts({ kind: 'db-proxy', fault: { kind: 'reset' }, ms: 1 }, 1)[0]).toMatchObject({
      alertname: 'DependencyDown',
      labels: { dependency: 'database' },
    });
    expect(expectedAlerts({ kind: 'proxy', replicas: [0], fault: { kind: 'reset' }, ms: 1 }, 2)).toEqual([]);
  });

  it('measures each delay from the fault and passes when the expected alerts fire and are notified', () => {
    const report = judgeAlerts(
      steps,
      result,
      observe([serviceDown, circuit], [notified(12_400, serviceDown), notified(16_000, circuit)]),
      1,
      'test',
    );
    expect(report.violations).toEqual([]);
    const kill = report.phases[1]!;
    expect(kill.role).toBe('fault');
    expect(kill.started.map((a) => [a.alertname, a.pending_after_ms, a.firing_after_ms, a.notified_after_ms])).toEqual([
      ['ServiceDown', 500, 1_700, 2_400],
      ['CircuitOpen', 3_000, 5_200, 6_000],
    ]);
  });

  it('names an expected alert that never fired, and one fired but neither notified nor inhibited', () => {
    const report = judgeAlerts(steps, result, observe([serviceDown], []), 1, 'test');
    expect(report.violations).toEqual([
      'kill: ServiceDown{service="ethixai-ai-core",severity="critical"} fired but no notification reached the webhook',
      'kill: CircuitOpen{dependency="ai_core"} did not fire',
    ]);
    const held = judgeAlerts(
      steps,
      result,
      observe([serviceDown, { ...circuit, inhibited: true }], [notified(12_400, serviceDown)]),
      1,
      'test',
    );
    expect(held.violations).toEqual([]);
  });

  it('fails a calm phase on a judged alert, not on a latency alert of a slow machine', () => {
    const early = active('DependencyDown', { dependency: 'database', severity: 'critical' }, 2_000, 3_000);
    const slow = active(
      'ErrorBudgetBurn',
      { service: 'ethixai-backend', slo: 'latency', severity: 'critical' },
      2_000,
      9_000,
      2_100,
    );
    const report = judgeAlerts(
      steps,
      result,
      observe(
        [early, slow, serviceDown, circuit],
        [notified(2_200, slow), notified(12_400, serviceDown), notified(16_000, circuit)],
      ),
      1,
      'test',
    );
    expect(report.violations).toEqual([
      'calm before the faults: DependencyDown{dependency="database",severity="critical"} went pending',
    ]);
    expect(report.phases[0]!.started).toHaveLength(2);
  });

  it('fails the calm after on a new alert and on a page still firing at its end, not on a ticket', () => {
    const lingering = { ...serviceDown, lastSeenAt: T0 + 40_000 };
    const ticket = active(
      'ErrorBudgetBurn',
      { service: 'ethixai-backend', slo: 'availability', severity: 'warning' },
      15_000,
      40_000,
      15_000,
    );
    const flap = active(
      'InstanceDown',
      { service: 'ethixai-backend', severity: 'warning', instance: 'b:1' },
      30_000,
      33_000,
      32_000,
    );
    const report = judgeAlerts(
      steps,
      result,
      observe(
        [lingering, circuit, ticket, flap],
        [notified(12_400, serviceDown), notified(16_000, circuit), notified(33_000, flap)],
      ),
      1,
      'test',
    );
    expect(report.violations).toEqual([
      'calm after the faults: InstanceDown{service="ethixai-backend",severity="warning",instance="b:1"} started',
      'calm after the faults: a notification of a new InstanceDown arrived',
      'calm after the faults: the page ServiceDown{service="ethixai-ai-core",severity="critical"} still fires at its end',
    ]);
    expect(report.active_at_end.map((a) => [a.alertname, a.started_in])).toEqual([
      ['ServiceDown', 'kill'],
      ['ErrorBudgetBurn', 'kill'],
    ]);
  });
});

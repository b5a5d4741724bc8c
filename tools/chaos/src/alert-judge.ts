import {
  DEPENDENCY_AI_CORE,
  DEPENDENCY_DATABASE,
  SERVICE_AI_CORE,
  SERVICE_BACKEND,
} from '@ethixai/observability/names';
import { sameLabels, type Activation, type AlertObservations, type Notification } from './alert-watch.ts';
import type { DrillResult } from './drill.ts';
import type { Step } from './profiles.ts';

/** An alert a fault must raise: its name and labels it must carry (others may be present). */
export interface AlertExpectation {
  alertname: string;
  labels: Record<string, string>;
}

/**
 * The alerts each fault must raise (issue 20): the only ai-core replica killed is the service
 * down and the backend's circuit to it open; one replica of several killed is an instance down;
 * PostgreSQL unreachable is the database dependency down; every ai-core connection reset while
 * analyses flow is a burst of 503s, the backend's availability page. Other faults (latency, a
 * replica the backend fails over from, a freeze, a backend restart) expect nothing in particular:
 * whatever they raise is recorded.
 */
export function expectedAlerts(step: Step, aiCoreReplicas: number): AlertExpectation[] {
  const breaks = (kind: string) => kind === 'reset' || kind === 'blackhole';
  switch (step.kind) {
    case 'ai-core-kill':
      return aiCoreReplicas === 1
        ? [
            { alertname: 'ServiceDown', labels: { service: SERVICE_AI_CORE, severity: 'critical' } },
            { alertname: 'CircuitOpen', labels: { dependency: DEPENDENCY_AI_CORE } },
          ]
        : [{ alertname: 'InstanceDown', labels: { service: SERVICE_AI_CORE } }];
    case 'db-proxy':
      return breaks(step.fault.kind)
        ? [{ alertname: 'DependencyDown', labels: { dependency: DEPENDENCY_DATABASE, severity: 'critical' } }]
        : [];
    case 'proxy':
      return breaks(step.fault.kind) && step.replicas.length === aiCoreReplicas
        ? [
            {
              alertname: 'ErrorBudgetBurn',
              labels: { service: SERVICE_BACKEND, slo: 'availability', severity: 'critical' },
            },
          ]
        : [];
    default:
      return [];
  }
}

/**
 * Alerts the calm phases do not judge, each with the reason (they are recorded and reported all
 * the same). Under the compressed time of the test rules, these read the machine, not a fault.
 */
export const NOT_JUDGED_IN_CALM: readonly {
  reason: string;
  applies(alertname: string, labels: Record<string, string>): boolean;
}[] = [
  {
    reason:
      'latency objectives (API requests within 100 ms, analyses within 0.5 s per 1,000 rows) measure the speed of the machine: on a shared 2-core machine under other load they are missed with no fault injected',
    applies: (alertname, labels) =>
      alertname === 'HighLatencyP95' || (alertname === 'ErrorBudgetBurn' && labels.slo !== 'availability'),
  },
  {
    reason:
      "the heap trend's 1h window compresses to 1 min, the processes' warm-up: a start-up heap ramp projects past the budget",
    applies: (alertname) => alertname === 'MemoryLeakSuspected',
  },
];

export const judgedInCalm = (alertname: string, labels: Record<string, string>): boolean =>
  !NOT_JUDGED_IN_CALM.some((n) => n.applies(alertname, labels));

/** Alertmanager's group_wait (1 s) and a poll interval, with room for a loaded machine. */
const NOTIFY_GRACE_MS = 5_000;

export type PhaseRole = 'calm-before' | 'fault' | 'settle' | 'calm-after';

export interface AlertSeen {
  alertname: string;
  labels: Record<string, string>;
  /** From the phase's start (the fault's injection) to pending, to the first poll that saw it firing, to its first webhook notification. */
  pending_after_ms: number;
  firing_after_ms: number | null;
  notified_after_ms: number | null;
  /** How long it stayed pending or firing (to the last poll that saw it). */
  active_ms: number;
  /** Held back by Alertmanager's inhibition (the down service silences its symptoms): not notified, by design. */
  inhibited: boolean;
  expected: boolean;
}

export interface PhaseAlerts {
  phase: string;
  role: PhaseRole;
  start_ms: number;
  end_ms: number;
  expected: (AlertExpectation & { fired: boolean })[];
  /** Alerts that became pending during this phase. */
  started: AlertSeen[];
  /** Firing notifications the webhook received during this phase. */
  notifications: number;
  violations: string[];
}

export interface AlertReport {
  /** Rules and intervals: the generated rules, time compressed as in the alerting end-to-end test. */
  setup: string;
  polls: number;
  phases: PhaseAlerts[];
  /** Alerts still pending or firing when the watch ended, with the phase they started in. */
  active_at_end: { alertname: string; labels: Record<string, string>; severity: string; started_in: string }[];
  violations: string[];
}

const describe = (a: { alertname: string; labels: Record<string, string> }) =>
  `${a.alertname}{${Object.entries(a.labels)
    .filter(([k]) => ['service', 'dependency', 'slo', 'severity', 'instance'].includes(k))
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;

const matches = (e: AlertExpectation, alertname: string, labels: Record<string, string>) =>
  e.alertname === alertname && Object.entries(e.labels).every(([k, v]) => labels[k] === v);

const sameAlert = (a: Activation, n: Notification) => sameLabels(a, n.labels);

function roleOf(steps: readonly Step[], i: number): PhaseRole {
  if (steps[i]!.kind !== 'calm') return 'fault';
  if (i === 0) return 'calm-before';
  if (i === steps.length - 1) return 'calm-after';
  return 'settle';
}

/**
 * Per phase of the drill: which alerts started, how long after the phase began they went
 * pending, fired and reached the webhook; the expected ones that did not; and in the calm phases
 * before and after the faults, anything that fired (before: nothing at all may be pending, firing
 * or notified; after: no alert may start or be notified anew, and no page may still fire when it ends).
 */
export function judgeAlerts(
  steps: readonly Step[],
  result: DrillResult,
  observed: AlertObservations,
  aiCoreReplicas: number,
  setup: string,
): AlertReport {
  const t0 = Date.parse(result.startedAt);
  const bounds = result.phases.map((p, i) => ({
    start: t0 + p.startMs,
    end: i + 1 < result.phases.length ? t0 + result.phases[i + 1]!.startMs : observed.watchedUntil,
  }));
  const phaseAt = (t: number) => {
    const i = bounds.findIndex((b) => t < b.end);
    return i === -1 ? bounds.length - 1 : i;
  };
  const firing = observed.notifications.filter((n) => n.status === 'firing');
  // Within this activation's life (it may be delivered just before a poll sees it firing, and
  // after the last poll that saw it): a later activation's notification is not this one's.
  const firstNotification = (a: Activation) =>
    a.firingSeenAt === null
      ? null
      : (firing.find(
          (n) => n.receivedAt >= a.activeAt && n.receivedAt <= a.lastSeenAt + NOTIFY_GRACE_MS && sameAlert(a, n),
        )?.receivedAt ?? null);

  const phases = result.phases.map((p, i): PhaseAlerts => {
    const { start, end } = bounds[i]!;
    const role = roleOf(steps, i);
    const expected = expectedAlerts(steps[i]!, aiCoreReplicas);
    // The first phase also owns what was still active when the watch began (after Prometheus' start-up).
    const started = observed.activations.filter((a) =>
      i === 0 ? a.activeAt < end && a.lastSeenAt >= observed.watchedFrom : a.activeAt >= start && a.activeAt < end,
    );
    const seen: AlertSeen[] = started.map((a) => {
      const notified = firstNotification(a);
      return {
        alertname: a.alertname,
        labels: a.labels,
        pending_after_ms: a.activeAt - start,
        firing_after_ms: a.firingSeenAt === null ? null : a.firingSeenAt - start,
        notified_after_ms: notified === null ? null : notified - start,
        active_ms: a.lastSeenAt - a.activeAt,
        inhibited: a.inhibited,
        expected: expected.some((e) => matches(e, a.alertname, a.labels)),
      };
    });
    const inPhase = firing.filter(
      (n) => n.receivedAt >= (i === 0 ? observed.watchedFrom : start) && n.receivedAt < end,
    );
    const violations: string[] = [];
    const results = expected.map((e) => {
      const hit = seen.find((s) => matches(e, s.alertname, s.labels) && s.firing_after_ms !== null);
      if (!hit) violations.push(`${p.name}: ${describe(e)} did not fire`);
      else if (hit.notified_after_ms === null && !hit.inhibited)
        violations.push(`${p.name}: ${describe(e)} fired but no notification reached the webhook`);
      return { ...e, fired: hit !== undefined };
    });
    const judged = (a: { alertname: string; labels: Record<string, string> }) => judgedInCalm(a.alertname, a.labels);
    const notified = (n: Notification) => {
      const { alertname = '', ...labels } = n.labels;
      return judgedInCalm(alertname, labels);
    };
    if (role === 'calm-before') {
      for (const s of seen.filter(judged))
        violations.push(
          `calm before the faults: ${describe(s)} went ${s.firing_after_ms === null ? 'pending' : 'firing'}`,
        );
      for (const n of inPhase.filter(notified))
        violations.push(`calm before the faults: a notification of ${n.labels.alertname} arrived`);
    } else if (role === 'calm-after') {
      for (const s of seen.filter(judged)) violations.push(`calm after the faults: ${describe(s)} started`);
      const before = observed.activations.filter((a) => a.activeAt < start);
      for (const n of inPhase.filter(notified))
        if (!before.some((a) => sameAlert(a, n)))
          violations.push(`calm after the faults: a notification of a new ${n.labels.alertname} arrived`);
      for (const a of before.filter(judged))
        if (a.labels.severity === 'critical' && a.lastState === 'firing' && a.lastSeenAt >= end - 1_000)
          violations.push(`calm after the faults: the page ${describe(a)} still fires at its end`);
    }
    return {
      phase: p.name,
      role,
      start_ms: p.startMs,
      end_ms: end - t0,
      expected: results,
      started: seen,
      notifications: inPhase.length,
      violations,
    };
  });
  const last = observed.watchedUntil;
  const activeAtEnd = observed.activations
    .filter((a) => a.lastSeenAt >= last - 1_000)
    .map((a) => ({
      alertname: a.alertname,
      labels: a.labels,
      severity: a.labels.severity ?? '',
      started_in: result.phases[phaseAt(a.activeAt)]?.name ?? '',
    }));
  return {
    setup,
    polls: observed.polls,
    phases,
    active_at_end: activeAtEnd,
    violations: phases.flatMap((p) => p.violations),
  };
}

import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { AlertingStack } from '@ethixai/slo/testing/alerting-stack';
import { CaptureServer } from '@ethixai/slo/testing/capture-server';
import type { Stack } from './stack.ts';

/** One activation of an alert: from pending (Prometheus' activeAt) to the last poll that saw it. */
export interface Activation {
  alertname: string;
  labels: Record<string, string>;
  /** Epoch ms at which Prometheus made it pending. */
  activeAt: number;
  /** Epoch ms of the first poll that saw it firing; null if it never fired. */
  firingSeenAt: number | null;
  lastSeenAt: number;
  lastState: 'pending' | 'firing';
  /** Alertmanager held it back (inhibited by another alert): no notification is due. */
  inhibited: boolean;
}

/** One alert in one notification Alertmanager posted to the webhook receiver. */
export interface Notification {
  receivedAt: number;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
}

export interface AlertObservations {
  /** Epoch ms of the first and last poll of Prometheus' /api/v1/alerts. */
  watchedFrom: number;
  watchedUntil: number;
  polls: number;
  activations: Activation[];
  notifications: Notification[];
}

interface PromAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing' | 'inactive';
  activeAt: string;
}

const POLL_MS = 250;
const WEBHOOK_PATH = '/webhook';

/** Does a full label set (alertname included) name this activation's alert? */
export function sameLabels(a: Pick<Activation, 'alertname' | 'labels'>, full: Record<string, string>): boolean {
  const { alertname, ...labels } = full;
  return (
    a.alertname === alertname &&
    Object.keys(labels).length === Object.keys(a.labels).length &&
    Object.entries(labels).every(([k, v]) => a.labels[k] === v)
  );
}

const keyOf = (labels: Record<string, string>, activeAt: number) =>
  `${JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)))}@${activeAt}`;

/**
 * A real Prometheus (the generated rules, time-compressed as in the alerting end-to-end test)
 * scraping the chaos stack's backend and ai-core replicas with their metrics credential, and a
 * real Alertmanager whose receivers all post to a local capture server. While the drill runs it
 * polls Prometheus' pending and firing alerts and keeps every webhook notification.
 */
export class AlertWatch {
  private readonly capture: CaptureServer;
  readonly alerting: AlertingStack;
  private readonly expectedTargets: number;
  private readonly activations = new Map<string, Activation>();
  private polls = 0;
  private watchedFrom = 0;
  private watchedUntil = 0;
  private running = false;
  private loop: Promise<void> | undefined;

  private constructor(capture: CaptureServer, alerting: AlertingStack, expectedTargets: number) {
    this.capture = capture;
    this.alerting = alerting;
    this.expectedTargets = expectedTargets;
  }

  static async start(stack: Stack): Promise<AlertWatch> {
    const capture = await CaptureServer.start();
    try {
      const [first, ...rest] = stack.aiCores.map((a) => a.url);
      const alerting = await AlertingStack.start({
        backendUrl: stack.backend.url,
        aiCoreUrl: first!,
        extraAiCoreUrls: rest,
        captureUrl: capture.url,
        incidentsWebhookUrl: `${capture.url}${WEBHOOK_PATH}`,
        // The webhook goes to the capture server, which ignores it; Alertmanager still needs a file.
        incidentsWebhookToken: 'chaos-capture',
        metricsToken: fs.readFileSync(stack.metricsTokenFile, 'utf8').trim(),
      });
      // backend, each ai-core, Alertmanager, Prometheus
      return new AlertWatch(capture, alerting, 1 + stack.aiCores.length + 2);
    } catch (error) {
      await capture.close();
      throw error;
    }
  }

  private async query<T>(path: string): Promise<T> {
    const res = await fetch(`${this.alerting.prometheus.url}${path}`, { signal: AbortSignal.timeout(2_000) });
    if (!res.ok) throw new Error(`Prometheus ${path}: ${res.status}`);
    return ((await res.json()) as { data: T }).data;
  }

  /** Until every target has been scraped successfully through the credential (bounded). */
  async waitForTargets(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      const up = await this.query<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(
        `/api/v1/query?query=up`,
      ).catch((e: Error) => ({ result: [], error: e.message }));
      last = JSON.stringify(up.result.map((s) => `${s.metric.job}/${s.metric.instance}=${s.value[1]}`));
      if (up.result.length === this.expectedTargets && up.result.every((s) => s.value[1] === '1')) return;
      await sleep(250);
    }
    throw new Error(
      `not every target up within ${timeoutMs} ms: ${last}\n${this.alerting.prometheus.log.slice(-2_000)}`,
    );
  }

  /**
   * Until Prometheus' start-up transients have cleared (bounded): before the first scrape of a job
   * `absent(up)` holds, and the compressed ServiceDown (for: 1s) can fire on it. Returns whether
   * the alerts `judged` selects are all inactive; what was seen is kept as start-up activations.
   */
  async waitForQuiet(
    judged: (alertname: string, labels: Record<string, string>) => boolean,
    timeoutMs = 20_000,
  ): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const active = (await this.pollOnce()).filter((a) => judged(a.labels.alertname ?? '', a.labels));
      if (active.length === 0) return true;
      await sleep(POLL_MS);
    }
    return false;
  }

  private async pollOnce(): Promise<PromAlert[]> {
    const { alerts } = await this.query<{ alerts: PromAlert[] }>('/api/v1/alerts');
    const now = Date.now();
    this.polls += 1;
    for (const a of alerts) {
      if (a.state === 'inactive') continue;
      const activeAt = Date.parse(a.activeAt);
      const key = keyOf(a.labels, activeAt);
      const known = this.activations.get(key);
      if (known) {
        known.lastSeenAt = now;
        known.lastState = a.state;
        if (a.state === 'firing' && known.firingSeenAt === null) known.firingSeenAt = now;
      } else {
        const { alertname = '', ...labels } = a.labels;
        this.activations.set(key, {
          alertname,
          labels,
          activeAt,
          firingSeenAt: a.state === 'firing' ? now : null,
          lastSeenAt: now,
          lastState: a.state,
          inhibited: false,
        });
      }
    }
    await this.pollInhibitions();
    return alerts.filter((a) => a.state !== 'inactive');
  }

  /** Marks the active alerts Alertmanager reports as inhibited (suppressed by another alert). */
  private async pollInhibitions(): Promise<void> {
    const res = await fetch(`${this.alerting.alertmanager.url}/api/v2/alerts`, { signal: AbortSignal.timeout(2_000) });
    if (!res.ok) return;
    const held = ((await res.json()) as { labels: Record<string, string>; status: { inhibitedBy: string[] } }[]).filter(
      (a) => a.status.inhibitedBy.length > 0,
    );
    for (const activation of this.activations.values())
      if (!activation.inhibited && held.some((h) => sameLabels(activation, h.labels))) activation.inhibited = true;
  }

  /** Starts polling Prometheus' alerts every 250 ms. */
  begin(): void {
    this.running = true;
    this.watchedFrom = Date.now();
    this.loop = (async () => {
      while (this.running) {
        const started = Date.now();
        // A missed poll (Prometheus busy on a loaded machine) is a gap, not a failure of the drill.
        await this.pollOnce().catch(() => undefined);
        await sleep(Math.max(0, POLL_MS - (Date.now() - started)));
      }
    })();
  }

  async end(): Promise<AlertObservations> {
    this.running = false;
    await this.loop;
    await this.pollOnce();
    this.watchedUntil = Date.now();
    return {
      watchedFrom: this.watchedFrom,
      watchedUntil: this.watchedUntil,
      polls: this.polls,
      activations: [...this.activations.values()].sort((a, b) => a.activeAt - b.activeAt),
      notifications: this.notifications(),
    };
  }

  /** Every alert of every notification that reached the webhook receiver (Alertmanager's webhook format). */
  notifications(): Notification[] {
    return this.capture.deliveries
      .filter((d) => d.path === WEBHOOK_PATH)
      .flatMap((d) =>
        ((d.body?.alerts ?? []) as { status: 'firing' | 'resolved'; labels: Record<string, string> }[]).map((a) => ({
          receivedAt: d.receivedAt,
          status: a.status,
          labels: a.labels,
        })),
      );
  }

  async close(): Promise<void> {
    this.running = false;
    await this.loop?.catch(() => undefined);
    await this.alerting.destroy();
    await this.capture.close();
  }
}

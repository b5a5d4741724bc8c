/**
 * The run as Prometheus metrics while it runs (`--metrics-port`): what the suite sends and gets
 * back, per scenario and endpoint, the rate its schedule offers and the phase under way, so the
 * stress dashboard shows the client's side next to the services' own RED metrics. No default process metrics: they would mix the load generator's CPU and heap
 * into the services' panels, which select by `service` and `instance` only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Outcome } from '@ethixai/bench/loadgen';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import {
  METRIC_STRESS_DURATION,
  METRIC_STRESS_IN_FLIGHT,
  METRIC_STRESS_OFFERED_RATE,
  METRIC_STRESS_PHASE,
  METRIC_STRESS_REQUESTS,
  METRIC_STRESS_RUN_INFO,
  METRIC_STRESS_RUN_START,
  METRIC_STRESS_UNEXPECTED,
  STRESS_DURATION_BUCKETS,
} from './metric-names.ts';

export interface RunDescription {
  readonly scenario: string;
  readonly kind: string;
  readonly commit: string;
  /** Every phase the run goes through, in order (warm-up and saturation steps included). */
  readonly phases: readonly string[];
  /** Endpoint → the statuses the scenario expects from it. */
  readonly expectations: Readonly<Record<string, readonly number[]>>;
}

export class LiveMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: METRIC_STRESS_REQUESTS,
    help: 'Requests the stress suite sent and got an outcome for, by HTTP status (or "error": no answer)',
    labelNames: ['scenario', 'endpoint', 'status'] as const,
    registers: [this.registry],
  });
  private readonly unexpected = new Counter({
    name: METRIC_STRESS_UNEXPECTED,
    help: 'Outcomes the scenario did not expect (a status outside its expect list, or no answer)',
    labelNames: ['scenario', 'endpoint'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: METRIC_STRESS_DURATION,
    help: "Client-side latency, from the request's due time to the end of its response (no coordinated omission)",
    labelNames: ['scenario', 'endpoint'] as const,
    buckets: STRESS_DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly inFlight = new Gauge({
    name: METRIC_STRESS_IN_FLIGHT,
    help: 'Requests sent and not yet answered',
    labelNames: ['scenario'] as const,
    registers: [this.registry],
  });
  private readonly offered = new Gauge({
    name: METRIC_STRESS_OFFERED_RATE,
    help: "Requests per second the scenario's schedule offers right now (open loop; 0 between phases)",
    labelNames: ['scenario'] as const,
    registers: [this.registry],
  });
  private readonly phase = new Gauge({
    name: METRIC_STRESS_PHASE,
    help: "The phase under way: 1 for it, 0 for the scenario's other phases (all 0 once the run is over)",
    labelNames: ['scenario', 'phase'] as const,
    registers: [this.registry],
  });
  private readonly info = new Gauge({
    name: METRIC_STRESS_RUN_INFO,
    help: 'The run: 1 while it runs, 0 once it is over',
    labelNames: ['scenario', 'kind', 'commit'] as const,
    registers: [this.registry],
  });
  private readonly started = new Gauge({
    name: METRIC_STRESS_RUN_START,
    help: 'When the run started (Unix seconds)',
    labelNames: ['scenario'] as const,
    registers: [this.registry],
  });
  private run: RunDescription | undefined;
  private server: Server | undefined;

  /** Serves GET /metrics on host:port (port 0: any free port) and resolves with the port. */
  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics is served here\n');
        return;
      }
      this.registry.metrics().then(
        (body) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(body),
        (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
      );
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Every series of the run starts at 0, so rates and shares have data from its first scrape. */
  beginRun(run: RunDescription): void {
    this.run = run;
    const scenario = run.scenario;
    this.info.set({ scenario, kind: run.kind, commit: run.commit }, 1);
    this.started.set({ scenario }, Date.now() / 1000);
    this.inFlight.set({ scenario }, 0);
    this.offered.set({ scenario }, 0);
    for (const phase of run.phases) this.phase.set({ scenario, phase }, 0);
    for (const endpoint of Object.keys(run.expectations)) {
      this.unexpected.inc({ scenario, endpoint }, 0);
      this.duration.zero({ scenario, endpoint });
    }
  }

  /** Marks `phase` as under way; `offeredRate` for open-loop phases, `inFlight` for closed-loop steps. */
  setPhase(phase: string, o: { offeredRate?: number; inFlight?: number } = {}): void {
    const run = this.current();
    for (const p of run.phases) this.phase.set({ scenario: run.scenario, phase: p }, p === phase ? 1 : 0);
    if (o.offeredRate !== undefined) this.offered.set({ scenario: run.scenario }, o.offeredRate);
    if (o.inFlight !== undefined) this.inFlight.set({ scenario: run.scenario }, o.inFlight);
  }

  /** An open-loop request left the generator. */
  sent(): void {
    this.inFlight.inc({ scenario: this.current().scenario });
  }

  /** What became of one request; `inFlight` is decremented only for requests counted by sent(). */
  record(endpoint: string, outcome: Outcome, o: { wasSent: boolean }): void {
    const run = this.current();
    const scenario = run.scenario;
    const status = outcome.status === undefined ? 'error' : String(outcome.status);
    this.requests.inc({ scenario, endpoint, status });
    this.duration.observe({ scenario, endpoint }, outcome.latencyMs / 1000);
    const expected = outcome.status !== undefined && (run.expectations[endpoint] ?? []).includes(outcome.status);
    if (!expected) this.unexpected.inc({ scenario, endpoint });
    if (o.wasSent) this.inFlight.dec({ scenario });
  }

  /** The run is over: no phase under way, nothing offered; the counters keep their totals. */
  endRun(): void {
    const run = this.current();
    for (const p of run.phases) this.phase.set({ scenario: run.scenario, phase: p }, 0);
    this.offered.set({ scenario: run.scenario }, 0);
    this.inFlight.set({ scenario: run.scenario }, 0);
    this.info.set({ scenario: run.scenario, kind: run.kind, commit: run.commit }, 0);
    this.run = undefined;
  }

  private current(): RunDescription {
    if (!this.run) throw new Error('LiveMetrics: no run begun');
    return this.run;
  }
}

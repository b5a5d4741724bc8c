/** The JSON a run writes (`<out>/<scenario>.json`); the HTML report and `analyze` read it. */
import type { MetricsDelta } from './metrics-scrape.ts';
import type { MemoryReport } from './memory-watch.ts';
import type { EndpointStats, PhaseStats, TimelinePoint } from './recorder.ts';
import type { Scenario } from './scenario.ts';
import type { ServerUsage } from './server-sampler.ts';

export interface RunEnvironment {
  node: string;
  cpus: string;
  commit: string;
  loadAverage: { start: number[]; end: number[] };
  target: string;
}

export interface SaturationStep {
  connections: number;
  seconds: number;
  throughput: number;
  latencyMs: EndpointStats['latencyMs'];
  unexpected: number;
  statuses: Record<string, number>;
}

export interface RunResult {
  scenario: Scenario;
  startedAt: string;
  finishedAt: string;
  /** process.hrtime of the load's start in µs (CLOCK_MONOTONIC, as V8 CPU profiles): profiles are read from here. */
  loadStartMonotonicUs: number;
  environment: RunEnvironment;
  /** Seconds from the first request due to the last response. */
  wallSeconds: number;
  requests: { sent: number; unexpected: number };
  endpoints: Record<string, EndpointStats>;
  phases: Record<string, PhaseStats>;
  timeline: Record<string, TimelinePoint[]>;
  servers: Record<string, ServerUsage>;
  /** Server CPU (both services, from /proc) per request answered, µs. */
  cpuUsPerRequest: number | null;
  metrics: Record<string, MetricsDelta>;
  saturation?: SaturationStep[];
  memory?: MemoryReport[];
  /** Why the run failed on its own terms (unexpected statuses, errors, memory growth); empty: it passed. */
  failures: string[];
}

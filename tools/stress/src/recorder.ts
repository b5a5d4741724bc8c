/**
 * Client-side record of a run, per endpoint: an HDR histogram of latencies (µs, 3 significant
 * digits, up to 10 minutes), statuses, errors, and the requests whose status the scenario did not
 * expect; plus a per-second timeline (by due time) with its own short-lived histograms.
 */
import * as hdr from 'hdr-histogram-js';
import type { Outcome } from '@ethixai/bench/loadgen';

const MAX_US = 600_000_000;
const newHistogram = () =>
  hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: MAX_US, numberOfSignificantValueDigits: 3 });
type Histogram = ReturnType<typeof newHistogram>;

export interface LatencySummary {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export interface EndpointStats {
  expect: number[];
  count: number;
  /** Responses per second over the measured time. */
  throughput: number;
  latencyMs: LatencySummary;
  statuses: Record<string, number>;
  errors: Record<string, number>;
  /** Answered with a status the scenario did not expect, or not answered at all. */
  unexpected: number;
  /** Percentile spectrum for the distribution chart: [percentile, ms]. */
  distribution: [number, number][];
}

export interface PhaseStats {
  count: number;
  unexpected: number;
  latencyMs: LatencySummary;
}

export interface TimelinePoint {
  count: number;
  unexpected: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const SPECTRUM = [0, 10, 25, 50, 75, 90, 95, 98, 99, 99.5, 99.9, 99.95, 99.99, 100];
const ms = (us: number) => Math.round(us) / 1000;

function summary(h: Histogram): LatencySummary {
  if (h.totalCount === 0)
    return {
      p50: Number.NaN,
      p90: Number.NaN,
      p95: Number.NaN,
      p99: Number.NaN,
      p999: Number.NaN,
      max: Number.NaN,
      mean: Number.NaN,
    };
  return {
    p50: ms(h.getValueAtPercentile(50)),
    p90: ms(h.getValueAtPercentile(90)),
    p95: ms(h.getValueAtPercentile(95)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    max: ms(h.maxValue),
    mean: ms(h.mean),
  };
}

class EndpointRecord {
  readonly total = newHistogram();
  readonly statuses = new Map<number, number>();
  readonly errors = new Map<string, number>();
  unexpected = 0;
  /** Second → histogram of the requests due in it. */
  readonly seconds = new Map<number, { h: Histogram; unexpected: number }>();
  readonly expect: Set<number>;
  constructor(expect: number[]) {
    this.expect = new Set(expect);
  }
}

export class Recorder {
  private readonly records = new Map<string, EndpointRecord>();
  private lastSecond = -1;
  private readonly timeline = new Map<string, TimelinePoint[]>();
  /** Phase name → every endpoint's latencies together, and the phase's unexpected answers. */
  private readonly phases = new Map<string, { h: Histogram; unexpected: number }>();

  constructor(expectations: Record<string, number[]>) {
    for (const [name, expect] of Object.entries(expectations)) this.records.set(name, new EndpointRecord(expect));
  }

  record(endpoint: string, outcome: Outcome, phase?: string): void {
    const r = this.records.get(endpoint);
    if (!r) throw new Error(`no expectations for endpoint ${endpoint}`);
    const us = Math.min(MAX_US, Math.max(1, Math.round(outcome.latencyMs * 1000)));
    const ok = outcome.status !== undefined && r.expect.has(outcome.status);
    r.total.recordValue(us);
    if (outcome.status !== undefined) r.statuses.set(outcome.status, (r.statuses.get(outcome.status) ?? 0) + 1);
    else r.errors.set(outcome.error ?? 'error', (r.errors.get(outcome.error ?? 'error') ?? 0) + 1);
    if (!ok) r.unexpected += 1;
    const second = Math.floor(outcome.dueMs / 1000);
    let bucket = r.seconds.get(second);
    if (!bucket) r.seconds.set(second, (bucket = { h: newHistogram(), unexpected: 0 }));
    bucket.h.recordValue(us);
    if (!ok) bucket.unexpected += 1;
    if (phase !== undefined) {
      let p = this.phases.get(phase);
      if (!p) this.phases.set(phase, (p = { h: newHistogram(), unexpected: 0 }));
      p.h.recordValue(us);
      if (!ok) p.unexpected += 1;
    }
    this.lastSecond = Math.max(this.lastSecond, second);
  }

  /** Turns the per-second histograms into points (call once, after the run: requests finish late). */
  private buildTimeline(): void {
    for (const [name, r] of this.records) {
      const points: TimelinePoint[] = [];
      for (let s = 0; s <= this.lastSecond; s += 1) {
        const b = r.seconds.get(s);
        if (!b) {
          points.push({ count: 0, unexpected: 0, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN });
          continue;
        }
        points.push({
          count: b.h.totalCount,
          unexpected: b.unexpected,
          p50: ms(b.h.getValueAtPercentile(50)),
          p95: ms(b.h.getValueAtPercentile(95)),
          p99: ms(b.h.getValueAtPercentile(99)),
          max: ms(b.h.maxValue),
        });
        b.h.destroy();
      }
      r.seconds.clear();
      this.timeline.set(name, points);
    }
  }

  finish(measuredSeconds: number): {
    endpoints: Record<string, EndpointStats>;
    timeline: Record<string, TimelinePoint[]>;
    phases: Record<string, PhaseStats>;
  } {
    this.buildTimeline();
    const endpoints: Record<string, EndpointStats> = {};
    for (const [name, r] of this.records) {
      const count = r.total.totalCount;
      endpoints[name] = {
        expect: [...r.expect],
        count,
        throughput: count / measuredSeconds,
        latencyMs: summary(r.total),
        statuses: Object.fromEntries([...r.statuses].map(([k, v]) => [String(k), v])),
        errors: Object.fromEntries(r.errors),
        unexpected: r.unexpected,
        distribution: count === 0 ? [] : SPECTRUM.map((p) => [p, ms(r.total.getValueAtPercentile(p))]),
      };
      r.total.destroy();
    }
    const phases: Record<string, PhaseStats> = {};
    for (const [name, p] of this.phases) {
      phases[name] = { count: p.h.totalCount, unexpected: p.unexpected, latencyMs: summary(p.h) };
      p.h.destroy();
    }
    return { endpoints, timeline: Object.fromEntries(this.timeline), phases };
  }
}

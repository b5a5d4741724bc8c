/**
 * The endurance analysis: post-GC heap, resident memory and open handles of each service sampled
 * through the run, a line fitted to each after the warm-up, and a failure for every series whose
 * growth exceeds the scenario's bound (see trend.ts for "exceeds").
 */
import { residentMemoryMb } from '@ethixai/bench/process-memory';
import { HeapProbe } from './heap-probe.ts';
import type { MemoryWatch } from './scenario.ts';
import type { Service } from './stack.ts';
import { exceeds, fitTrend, type Trend } from './trend.ts';

export interface MemorySeries {
  t: number[];
  heapUsedMb: number[];
  rssMb: number[];
  handles: number[];
}
export interface SeriesVerdict {
  series: 'heapUsedMb' | 'rssMb' | 'handles';
  boundPerHour: number;
  trend: Trend;
  grew: boolean;
}
export interface MemoryReport {
  service: string;
  samples: MemorySeries;
  fittedFromSeconds: number;
  verdicts: SeriesVerdict[];
}

export class MemoryWatcher {
  private readonly config: MemoryWatch;
  private readonly watched: { service: Service; probe: HeapProbe; samples: MemorySeries }[] = [];
  private timer?: NodeJS.Timeout;
  private started = 0;
  private busy = false;

  constructor(config: MemoryWatch) {
    this.config = config;
  }

  async start(services: Service[]): Promise<void> {
    for (const service of services) {
      if (service.inspectPort === undefined || service.pid === undefined)
        throw new Error(
          `${service.name}: the endurance analysis needs a service the suite started (with an inspector)`,
        );
      const probe = new HeapProbe(service.inspectPort);
      await probe.connect();
      this.watched.push({ service, probe, samples: { t: [], heapUsedMb: [], rssMb: [], handles: [] } });
    }
    this.started = performance.now();
    await this.sample();
    this.timer = setInterval(() => void this.sample(), this.config.sampleEverySeconds * 1000);
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (const w of this.watched) {
        const t = (performance.now() - this.started) / 1000;
        const heap = await w.probe.sample();
        w.samples.t.push(Math.round(t * 10) / 10);
        w.samples.heapUsedMb.push(Math.round(heap.heapUsedMb * 100) / 100);
        w.samples.handles.push(heap.handles);
        w.samples.rssMb.push(Math.round(residentMemoryMb(w.service.pid!).rss * 100) / 100);
      }
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<MemoryReport[]> {
    clearInterval(this.timer);
    // No closing sample: the load has stopped and its connections are closed by now, which would
    // bend the handle and heap lines at their end.
    while (this.busy) await new Promise((r) => setTimeout(r, 50));
    for (const w of this.watched) w.probe.close();
    const from = this.config.ignoreFirstSeconds;
    const { bounds } = this.config;
    return this.watched.map((w) => {
      const keep = w.samples.t
        .map((t, i) => [t, i] as const)
        .filter(([t]) => t >= from)
        .map(([, i]) => i);
      const pick = (ys: number[]) => keep.map((i) => ys[i]);
      const t = pick(w.samples.t);
      const verdict = (series: SeriesVerdict['series'], boundPerHour: number): SeriesVerdict => {
        const trend = fitTrend(t, pick(w.samples[series]));
        return { series, boundPerHour, trend, grew: exceeds(trend, boundPerHour) };
      };
      return {
        service: w.service.name,
        samples: w.samples,
        fittedFromSeconds: from,
        verdicts: [
          verdict('heapUsedMb', bounds.heapMbPerHour),
          verdict('rssMb', bounds.rssMbPerHour),
          verdict('handles', bounds.handlesPerHour),
        ],
      };
    });
  }
}

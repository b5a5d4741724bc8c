/**
 * Server-side resource use during a run, read from /proc once a second for each service whose
 * process id is known: CPU (utime + stime, as a share of one core), resident memory and open file
 * descriptors.
 */
import { readdirSync } from 'node:fs';
import { cpuSeconds } from '@ethixai/bench/support';
import { residentMemoryMb } from '@ethixai/bench/process-memory';
import type { Service } from './stack.ts';

export interface ServerSeries {
  /** Seconds from the start of sampling. */
  t: number[];
  cpuPercent: number[];
  rssMb: number[];
  fds: number[];
}

export interface ServerUsage {
  pid: number;
  cpuSeconds: number;
  peakRssMb: number;
  series: ServerSeries;
}

export function openFds(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return Number.NaN;
  }
}

export class ServerSampler {
  private readonly services: Service[];
  private readonly state = new Map<
    string,
    { firstCpu: number; lastCpu: number; lastAt: number; series: ServerSeries }
  >();
  private timer?: NodeJS.Timeout;
  private started = 0;

  constructor(services: Service[]) {
    this.services = services.filter((s) => s.pid !== undefined);
  }

  start(intervalMs = 1000): void {
    this.started = performance.now();
    for (const s of this.services) {
      const cpu = cpuSeconds(s.pid!);
      this.state.set(s.name, {
        firstCpu: cpu,
        lastCpu: cpu,
        lastAt: this.started,
        series: { t: [], cpuPercent: [], rssMb: [], fds: [] },
      });
    }
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    const now = performance.now();
    for (const s of this.services) {
      const st = this.state.get(s.name)!;
      const cpu = cpuSeconds(s.pid!);
      st.series.t.push(Math.round((now - this.started) / 100) / 10);
      st.series.cpuPercent.push(Math.round((1000 * (cpu - st.lastCpu)) / ((now - st.lastAt) / 1000)) / 10);
      st.series.rssMb.push(Math.round(residentMemoryMb(s.pid!).rss * 10) / 10);
      st.series.fds.push(openFds(s.pid!));
      st.lastCpu = cpu;
      st.lastAt = now;
    }
  }

  stop(): Record<string, ServerUsage> {
    clearInterval(this.timer);
    this.sample();
    const out: Record<string, ServerUsage> = {};
    for (const s of this.services) {
      const st = this.state.get(s.name)!;
      out[s.name] = {
        pid: s.pid!,
        cpuSeconds: st.lastCpu - st.firstCpu,
        peakRssMb: residentMemoryMb(s.pid!).peak,
        series: st.series,
      };
    }
    return out;
  }
}

/**
 * Engine stage timing. Every analysis runs three measured stages; their durations go to the
 * Server-Timing response header (visible to the backend and to benchmarks) and to a
 * StageObserver, the seam where telemetry records `ethixai_analysis_stage_duration_seconds{stage}`
 * and wraps each stage in a span.
 */
import { performance } from 'node:perf_hooks';

export const ANALYSIS_STAGES = ['ingest', 'audit', 'serialise'] as const;
export type AnalysisStage = (typeof ANALYSIS_STAGES)[number];

export interface StageObserver {
  /** Runs `fn` as the named stage (inside a span, a child of the active one, when tracing is on). */
  wrap<T>(stage: AnalysisStage, fn: () => T): T;
  /** Records a successful stage's duration (a stage that throws is the request's error, not a timing). */
  record(stage: AnalysisStage, seconds: number): void;
}

export const NOOP_STAGE_OBSERVER: StageObserver = {
  wrap: (_stage, fn) => fn(),
  record: () => {},
};

/** Per-request stage clock. */
export class StageClock {
  readonly seconds: Partial<Record<AnalysisStage, number>> = {};
  private readonly observer: StageObserver;

  constructor(observer: StageObserver) {
    this.observer = observer;
  }

  run<T>(stage: AnalysisStage, fn: () => T): T {
    return this.observer.wrap(stage, () => {
      const start = performance.now();
      const result = fn();
      this.finish(stage, start);
      return result;
    });
  }

  async runAsync<T>(stage: AnalysisStage, fn: () => Promise<T>): Promise<T> {
    return this.observer.wrap(stage, async () => {
      const start = performance.now();
      const result = await fn();
      this.finish(stage, start);
      return result;
    });
  }

  /** `Server-Timing` value: `ingest;dur=1.234, audit;dur=0.456, ...` in milliseconds. */
  serverTiming(): string {
    const parts: string[] = [];
    for (const stage of ANALYSIS_STAGES) {
      const seconds = this.seconds[stage];
      if (seconds !== undefined) parts.push(`${stage};dur=${(seconds * 1000).toFixed(3)}`);
    }
    return parts.join(', ');
  }

  private finish(stage: AnalysisStage, start: number): void {
    const seconds = (performance.now() - start) / 1000;
    this.seconds[stage] = seconds;
    this.observer.record(stage, seconds);
  }
}

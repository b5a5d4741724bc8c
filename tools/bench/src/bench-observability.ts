/**
 * The observability a goal bench runs its services with. `production` is the configuration the
 * goals are judged in (metrics on, info logs to a pipe, tracing on at the default 10 % sampling,
 * spans exported over OTLP/HTTP to a counting receiver in the bench); `off` is the reference the
 * overhead bench compares it with.
 */
import { startCountingReceiver, type CountingReceiver } from './observability-stack.ts';

export type ObservabilityMode = 'production' | 'off';

export interface BenchObservability {
  readonly mode: ObservabilityMode;
  /** Environment for both services. */
  readonly env: Record<string, string>;
  readonly describe: string;
  /** Spans the receiver got (production only). */
  spans(): number | undefined;
  close(): Promise<void>;
}

export async function benchObservability(mode: string): Promise<BenchObservability> {
  if (mode === 'off') {
    return {
      mode,
      env: { ETHIXAI_METRICS: 'false', LOG_LEVEL: 'warn', ETHIXAI_TRACING: 'false' },
      describe: 'observability off: no metrics, warn logs, no tracing',
      spans: () => undefined,
      close: async () => {},
    };
  }
  if (mode !== 'production') throw new Error(`--observability must be production or off, got ${mode}`);
  const receiver: CountingReceiver = await startCountingReceiver();
  return {
    mode,
    env: {
      ETHIXAI_METRICS: 'true',
      LOG_LEVEL: 'info',
      ETHIXAI_TRACING: 'true',
      OTEL_TRACES_SAMPLER_RATIO: '0.1',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    },
    describe:
      'production observability: metrics on, info logs (one line per request, to a pipe), tracing at 10 % sampling exported over OTLP/HTTP to a counting receiver',
    spans: () => receiver.tally().totalSpans,
    close: () => receiver.close(),
  };
}

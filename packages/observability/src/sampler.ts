import { type Context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { type Sampler, type SamplingResult, SamplingDecision, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';

const ROOT_SAMPLED = createContextKey('ethixai.root-sampled');

/**
 * The context to start a root span in when the caller has already decided to sample it. The
 * server-span hook decides before it creates anything (`Tracing.sampleRoot`), so the 90 % of
 * requests the production ratio drops never reach the SDK's span machinery; the SDK must then
 * record the span it is asked for instead of drawing again.
 */
export const SAMPLED_ROOT_CONTEXT: Context = ROOT_CONTEXT.setValue(ROOT_SAMPLED, true);

/** Root sampler: the caller's decision when given (`SAMPLED_ROOT_CONTEXT`), else a share of trace ids. */
export class DecidedRatioSampler implements Sampler {
  private readonly byTraceId: TraceIdRatioBasedSampler;
  private readonly ratio: number;

  constructor(ratio: number) {
    this.ratio = ratio;
    this.byTraceId = new TraceIdRatioBasedSampler(ratio);
  }

  shouldSample(ctx: Context, traceId: string): SamplingResult {
    if (ctx.getValue(ROOT_SAMPLED) === true) return { decision: SamplingDecision.RECORD_AND_SAMPLED };
    return this.byTraceId.shouldSample(ctx, traceId);
  }

  toString(): string {
    return `DecidedRatioSampler{${this.ratio}}`;
  }
}

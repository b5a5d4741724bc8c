import { ROOT_CONTEXT } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { DecidedRatioSampler, SAMPLED_ROOT_CONTEXT } from '../src/sampler.ts';
import { newSpanId, newTraceId } from '../src/trace-ids.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('DecidedRatioSampler', () => {
  it('records a root the caller decided to sample, whatever the ratio', () => {
    expect(new DecidedRatioSampler(0).shouldSample(SAMPLED_ROOT_CONTEXT, TRACE).decision).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('otherwise samples by trace id at its ratio (other root spans, e.g. background work)', () => {
    expect(new DecidedRatioSampler(0).shouldSample(ROOT_CONTEXT, TRACE).decision).toBe(SamplingDecision.NOT_RECORD);
    expect(new DecidedRatioSampler(1).shouldSample(ROOT_CONTEXT, TRACE).decision).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    const sampled = Array.from({ length: 2000 }, () => newTraceId()).filter((id) => new DecidedRatioSampler(0.25).shouldSample(ROOT_CONTEXT, id).decision === SamplingDecision.RECORD_AND_SAMPLED);
    // Binomial(2000, 0.25): outside 400..600 has probability below 1e-9.
    expect(sampled.length).toBeGreaterThan(400);
    expect(sampled.length).toBeLessThan(600);
  });
});

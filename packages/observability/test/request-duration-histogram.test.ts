import fc from 'fast-check';
import { Histogram, type LabelValues } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HTTP_DURATION_BUCKETS } from '../src/names.ts';
import { RequestDurationHistogram, type HistogramSample } from '../src/request-duration-histogram.ts';

type Label = 'method' | 'route' | 'status';
const EXEMPLAR = { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' };

const observation = fc.record({
  method: fc.constantFrom('GET', 'POST', '_OTHER'),
  route: fc.constantFrom('/v1/evaluate', '/items/:id', 'odd "quoted"\\path'),
  status: fc.constantFrom(200, 201, 404, 499, 503),
  // Bucket bounds themselves, values between and beyond them, zero.
  seconds: fc.oneof(fc.constantFrom(0, ...HTTP_DURATION_BUCKETS), fc.double({ min: 0, max: 30, noNaN: true })),
  exemplar: fc.boolean(),
});

function bySeriesAndName(values: readonly HistogramSample[]): string[] {
  return values.map((v) => JSON.stringify([v.metricName, Object.entries(v.labels).sort(), v.value, v.exemplar ?? null])).sort();
}

describe('RequestDurationHistogram', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-27T08:00:00.250Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports exactly the samples prom-client\'s Histogram reports for the same observations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(observation, { maxLength: 60 }), async (observations) => {
        const ours = new RequestDurationHistogram('http_request_duration_seconds', 'help', HTTP_DURATION_BUCKETS);
        const reference = new Histogram<Label>({ name: 'http_request_duration_seconds', help: 'help', labelNames: ['method', 'route', 'status'], buckets: [...HTTP_DURATION_BUCKETS], enableExemplars: true, registers: [] });
        for (const o of observations) {
          const labels: LabelValues<Label> = { method: o.method, route: o.route, status: String(o.status) };
          ours.observe(o.method, o.route, o.status, o.seconds, o.exemplar ? EXEMPLAR : undefined);
          reference.observe({ labels, value: o.seconds, ...(o.exemplar ? { exemplarLabels: EXEMPLAR as never } : {}) });
        }
        const [mine, theirs] = await Promise.all([ours.get(), reference.get()]);
        expect(mine.type).toBe(theirs.type);
        expect(bySeriesAndName(mine.values)).toEqual(bySeriesAndName(theirs.values as unknown as HistogramSample[]));
      }),
      { numRuns: 200 },
    );
  });

  it('drops a non-finite duration instead of throwing into the request', async () => {
    const h = new RequestDurationHistogram('d', 'help', [0.1]);
    expect(() => h.observe('GET', '/x', 200, Number.NaN)).not.toThrow();
    h.observe('GET', '/x', 200, Number.POSITIVE_INFINITY);
    expect((await h.get()).values).toEqual([]);
  });

  it('starts empty again after reset', async () => {
    const h = new RequestDurationHistogram('d', 'help', [0.1]);
    h.observe('GET', '/x', 200, 0.05);
    h.reset();
    expect((await h.get()).values).toEqual([]);
  });

  it('refuses bounds that are not increasing', () => {
    expect(() => new RequestDurationHistogram('d', 'help', [0.5, 0.1])).toThrow(RangeError);
  });
});

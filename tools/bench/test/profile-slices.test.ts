import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addProfiles, attributeProfile, frameKey, perRequestDeltas, type CpuProfile, type SliceWindow } from '../src/profile-slices.ts';

const frame = (functionName: string, url = 'file:///work/main/packages/observability/src/x.ts', lineNumber = 3) => ({ functionName, url, lineNumber });
const NODES: CpuProfile['nodes'] = [
  { id: 1, callFrame: frame('(idle)', '', -1) },
  { id: 2, callFrame: frame('startSpan', 'file:///repo/node_modules/@opentelemetry/sdk-trace/build/src/Tracer.js', 41) },
  { id: 3, callFrame: frame('write') },
];

describe('attributeProfile', () => {
  it('files each non-idle sample under the window that holds it, weighted by the interval to the next sample', () => {
    // Samples at 10, 20, 30, 40, 50, 60 (start 0, deltas of 10).
    const profile: CpuProfile = { nodes: NODES, startTime: 0, samples: [2, 3, 1, 2, 3, 2], timeDeltas: [10, 10, 10, 10, 10, 10] };
    const windows: SliceWindow[] = [
      { id: 'off', t0: 5, t1: 25, requests: 2 },
      { id: 'tracing 10%', t0: 35, t1: 55, requests: 4 },
    ];
    const byConfig = attributeProfile(profile, windows);
    expect(byConfig.get('off')).toEqual({
      requests: 2, busyUs: 20,
      selfUs: new Map([[frameKey(NODES[1]!.callFrame), 10], [frameKey(NODES[2]!.callFrame), 10]]),
      moduleUs: new Map([['nm/@opentelemetry/sdk-trace/build/src/Tracer.js', 10], ['packages/observability/src/x.ts', 10]]),
    });
    // The idle sample at 30 and the sample at 60 lie outside every window.
    expect(byConfig.get('tracing 10%')!.busyUs).toBe(20);
    const [top] = perRequestDeltas(byConfig.get('off')!, byConfig.get('tracing 10%')!);
    expect(top!.addedUs).toBeCloseTo(2.5 - 5);
  });

  it('agrees with a sample-by-sample scan of the windows (disjoint windows, any sample sequence)', () => {
    const arbitrary = fc.record({
      samples: fc.array(fc.record({ node: fc.constantFrom(1, 2, 3), delta: fc.integer({ min: 0, max: 7 }) }), { maxLength: 60 }),
      gaps: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 20 }), length: fc.integer({ min: 0, max: 30 }), id: fc.constantFrom('a', 'b', 'c'), requests: fc.integer({ min: 1, max: 9 }) }), { maxLength: 8 }),
      startTime: fc.integer({ min: 0, max: 10 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ samples, gaps, startTime }) => {
        let end = 0;
        const windows = gaps.map(({ gap, length, id, requests }) => {
          const t0 = end + gap + 1;
          end = t0 + length;
          return { id, t0, t1: end, requests };
        });
        const profile: CpuProfile = { nodes: NODES, startTime, samples: samples.map((s) => s.node), timeDeltas: samples.map((s) => s.delta) };
        const expected = new Map<string, number>();
        let at = startTime;
        samples.forEach((s, i) => {
          at += s.delta;
          const w = windows.find((x) => x.t0 <= at && at <= x.t1);
          if (w === undefined || s.node === 1) return;
          expected.set(w.id, (expected.get(w.id) ?? 0) + (samples[i + 1]?.delta ?? s.delta));
        });
        const got = attributeProfile(profile, windows);
        for (const w of windows) {
          expect(got.get(w.id)!.busyUs).toBe(expected.get(w.id) ?? 0);
          expect(got.get(w.id)!.requests).toBe(windows.filter((x) => x.id === w.id).reduce((n, x) => n + x.requests, 0));
        }
      }),
    );
  });
});

describe('frameKey', () => {
  it('names a function by its package-relative place, or only its module', () => {
    expect(frameKey(NODES[1]!.callFrame)).toBe('startSpan nm/@opentelemetry/sdk-trace/build/src/Tracer.js:41');
    expect(frameKey(NODES[2]!.callFrame, true)).toBe('packages/observability/src/x.ts');
    expect(frameKey(frame('(garbage collector)', '', -1), true)).toBe('(garbage collector)');
  });
});

describe('addProfiles', () => {
  it("sums requests, busy time and each function's self time per configuration", () => {
    const one = (requests: number, us: number) => ({ requests, busyUs: us, selfUs: new Map([['f', us]]), moduleUs: new Map([['m', us]]) });
    const into = new Map([['off', one(2, 10)]]);
    addProfiles(into, new Map([['off', one(3, 5)], ['tracing 10%', one(1, 7)]]));
    expect(into.get('off')).toEqual({ requests: 5, busyUs: 15, selfUs: new Map([['f', 15]]), moduleUs: new Map([['m', 15]]) });
    expect(into.get('tracing 10%')).toEqual(one(1, 7));
  });
});

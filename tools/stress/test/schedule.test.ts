import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSchedule, offeredAt } from '../src/schedule.ts';

describe('buildSchedule', () => {
  it('spaces a constant phase evenly at 1/rate', () => {
    const s = buildSchedule([{ name: 'a', seconds: 2, rate: 4 }]);
    expect(s.count).toBe(8);
    expect(Array.from({ length: 8 }, (_, i) => s.dueMs(i))).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750]);
  });

  it('ramps the rate linearly: the count is the mean rate times the length, and gaps shrink', () => {
    const s = buildSchedule([{ name: 'ramp', seconds: 10, from: 10, to: 30 }]);
    expect(s.count).toBe(200);
    const gap = (i: number) => s.dueMs(i + 1) - s.dueMs(i);
    // the first gap is just under 1/10 s (the rate is already rising), the last just over 1/30 s
    expect(gap(0)).toBeGreaterThan(95);
    expect(gap(0)).toBeLessThan(100);
    expect(gap(198)).toBeGreaterThan(1000 / 30);
    expect(gap(198)).toBeLessThan(1000 / 29);
    expect(s.dueMs(199)).toBeLessThan(10_000);
  });

  it('chains phases: the spike starts when the phase before it ends', () => {
    const s = buildSchedule([
      { name: 'before', seconds: 3, rate: 2 },
      { name: 'spike', seconds: 1, rate: 100 },
      { name: 'after', seconds: 2, rate: 2 },
    ]);
    expect(s.count).toBe(6 + 100 + 4);
    expect(s.dueMs(6)).toBe(3000);
    expect(s.phaseOf(5)).toBe(0);
    expect(s.phaseOf(6)).toBe(1);
    expect(s.phaseOf(106)).toBe(2);
    expect(s.dueMs(106)).toBe(4000);
    expect(s.durationSeconds).toBe(6);
  });

  it('never schedules a request before the one ahead of it, nor past the end', () => {
    const phase = fc.oneof(
      fc.record({
        name: fc.constant('c'),
        seconds: fc.double({ min: 0.5, max: 20, noNaN: true }),
        rate: fc.double({ min: 0.5, max: 100, noNaN: true }),
      }),
      fc.record({
        name: fc.constant('r'),
        seconds: fc.double({ min: 0.5, max: 20, noNaN: true }),
        from: fc.double({ min: 0.5, max: 100, noNaN: true }),
        to: fc.double({ min: 0.5, max: 100, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(fc.array(phase, { minLength: 1, maxLength: 4 }), (phases) => {
        const s = buildSchedule(phases);
        for (let i = 1; i < s.count; i += 1) expect(s.dueMs(i)).toBeGreaterThanOrEqual(s.dueMs(i - 1) - 1e-6);
        if (s.count > 0) expect(s.dueMs(s.count - 1)).toBeLessThanOrEqual(s.durationSeconds * 1000 + 1e-6);
      }),
      { numRuns: 60 },
    );
  });
});

describe('offeredAt', () => {
  const phases = [
    { name: 'ramp', seconds: 10, from: 10, to: 30 },
    { name: 'steady', seconds: 5, rate: 30 },
  ];

  it('names the phase under way and its rate, a ramp by linear interpolation', () => {
    expect(offeredAt(phases, 0)).toEqual({ phase: 'ramp', index: 0, rate: 10 });
    expect(offeredAt(phases, 5)).toEqual({ phase: 'ramp', index: 0, rate: 20 });
    expect(offeredAt(phases, 10)).toEqual({ phase: 'steady', index: 1, rate: 30 });
    expect(offeredAt(phases, 15)).toBeUndefined();
  });

  it('offers, integrated over the run, as many requests as the schedule sends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        (from, to, seconds) => {
          const ps = [{ name: 'r', seconds, from, to }];
          const steps = 2000;
          let integral = 0;
          for (let k = 0; k < steps; k += 1)
            integral += offeredAt(ps, ((k + 0.5) * seconds) / steps)!.rate * (seconds / steps);
          expect(Math.abs(integral - buildSchedule(ps).count)).toBeLessThanOrEqual(0.51);
        },
      ),
    );
  });
});

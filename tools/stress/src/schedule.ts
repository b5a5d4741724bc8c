/**
 * Arrival schedule of an open-loop scenario: when request i is due, from the phases' rates.
 * A constant phase spaces requests evenly at 1/rate; a ramp's rate grows linearly, so the k-th
 * request of the phase is due when the integral of the rate reaches k.
 */
import type { Phase } from './scenario.ts';

export interface Schedule {
  count: number;
  /** Due time of request i in ms from the start. */
  dueMs(i: number): number;
  /** Index of the phase request i belongs to. */
  phaseOf(i: number): number;
  durationSeconds: number;
}

interface Span {
  first: number;
  count: number;
  startS: number;
  phase: Phase;
}

function countOf(phase: Phase): number {
  return 'rate' in phase
    ? Math.round(phase.rate * phase.seconds)
    : Math.round(((phase.from + phase.to) / 2) * phase.seconds);
}

/** Offset in seconds, within its phase, of the k-th request (k from 0). */
function offsetS(phase: Phase, k: number): number {
  if ('rate' in phase) return k / phase.rate;
  const a = phase.from;
  const slope = (phase.to - phase.from) / phase.seconds;
  // a t + slope t² / 2 = k
  if (Math.abs(slope) < 1e-12) return k / a;
  return (-a + Math.sqrt(a * a + 2 * slope * k)) / slope;
}

export function buildSchedule(phases: readonly Phase[]): Schedule {
  const spans: Span[] = [];
  let first = 0;
  let startS = 0;
  for (const phase of phases) {
    const count = countOf(phase);
    spans.push({ first, count, startS, phase });
    first += count;
    startS += phase.seconds;
  }
  const spanIndex = (i: number): number => {
    let lo = 0;
    let hi = spans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (spans[mid].first <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    count: first,
    durationSeconds: startS,
    phaseOf: spanIndex,
    dueMs(i) {
      const s = spans[spanIndex(i)];
      return (s.startS + offsetS(s.phase, i - s.first)) * 1000;
    },
  };
}

/**
 * What the schedule offers `seconds` after its start: the phase then under way and its arrival
 * rate (a ramp's rate at that instant), or undefined once every phase is over.
 */
export function offeredAt(
  phases: readonly Phase[],
  seconds: number,
): { phase: string; index: number; rate: number } | undefined {
  let startS = 0;
  for (const [index, phase] of phases.entries()) {
    if (seconds < startS + phase.seconds) {
      const rate =
        'rate' in phase
          ? phase.rate
          : phase.from + ((phase.to - phase.from) * Math.max(0, seconds - startS)) / phase.seconds;
      return { phase: phase.name, index, rate };
    }
    startS += phase.seconds;
  }
  return undefined;
}

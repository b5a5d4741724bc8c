import type { Fault } from './fault-proxy.ts';

/** One step of a drill: a calm phase or a fault held for `ms`, then cleared. */
export type Step =
  | { kind: 'calm'; ms: number }
  | { kind: 'ai-core-kill'; replica: number; ms: number }
  | { kind: 'ai-core-freeze'; replicas: number[]; ms: number }
  | { kind: 'proxy'; replicas: number[]; fault: Fault; ms: number }
  | { kind: 'backend-kill' }
  | { kind: 'db-proxy'; fault: Fault; ms: number };

export interface Profile {
  name: string;
  /** Offered load, requests per second (open loop). */
  evaluatePerSec: number;
  analysesPerSec: number;
  steps: Step[];
}

const faults = (scale: number): Step[] => [
  { kind: 'calm', ms: 2_000 * scale },
  { kind: 'ai-core-kill', replica: 0, ms: 3_000 * scale },
  { kind: 'calm', ms: 1_000 * scale },
  { kind: 'proxy', replicas: [0], fault: { kind: 'latency', ms: 300 }, ms: 3_000 * scale },
  { kind: 'proxy', replicas: [1], fault: { kind: 'reset' }, ms: 2_000 * scale },
  { kind: 'proxy', replicas: [0], fault: { kind: 'blackhole' }, ms: 3_000 * scale },
  { kind: 'calm', ms: 1_000 * scale },
  { kind: 'ai-core-freeze', replicas: [0, 1], ms: 3_000 * scale },
  { kind: 'calm', ms: 1_000 * scale },
  { kind: 'backend-kill' },
  { kind: 'calm', ms: 3_000 * scale },
];

/** Faults between the backend and PostgreSQL (the stack must run on PostgreSQL). */
const dbFaults = (scale: number): Step[] => [
  { kind: 'calm', ms: 2_000 * scale },
  { kind: 'db-proxy', fault: { kind: 'reset' }, ms: 3_000 * scale },
  { kind: 'calm', ms: 1_000 * scale },
  { kind: 'db-proxy', fault: { kind: 'latency', ms: 200 }, ms: 3_000 * scale },
  { kind: 'calm', ms: 1_000 * scale },
  { kind: 'db-proxy', fault: { kind: 'blackhole' }, ms: 3_000 * scale },
  { kind: 'calm', ms: 2_000 * scale },
];

export const PROFILES: Record<string, Profile> = {
  /** PostgreSQL unavailable (connections reset), slow, then silently partitioned, for a stack on PostgreSQL. */
  'db-short': { name: 'db-short', evaluatePerSec: 10, analysesPerSec: 5, steps: dbFaults(1) },
  /** For the test suite: every fault once, short, at a modest rate (about 40 s). */
  short: { name: 'short', evaluatePerSec: 10, analysesPerSec: 5, steps: faults(1) },
  /** By command (`npm run chaos`): the same faults held longer, analyses at 20/s. */
  full: { name: 'full', evaluatePerSec: 40, analysesPerSec: 20, steps: faults(4) },
};

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'calm':
      return 'calm';
    case 'ai-core-kill':
      return `ai-core #${step.replica} SIGKILL, restarted after ${step.ms} ms`;
    case 'ai-core-freeze':
      return `ai-core ${step.replicas.map((r) => `#${r}`).join(' and ')} SIGSTOP for ${step.ms} ms`;
    case 'proxy':
      return `backend→ai-core ${step.replicas.map((r) => `#${r}`).join(', ')}: ${step.fault.kind}${step.fault.kind === 'latency' ? ` ${step.fault.ms} ms` : ''} for ${step.ms} ms`;
    case 'backend-kill':
      return 'backend SIGKILL mid-write, restarted';
    case 'db-proxy':
      return `backend→PostgreSQL: ${step.fault.kind}${step.fault.kind === 'latency' ? ` ${step.fault.ms} ms` : ''} for ${step.ms} ms`;
  }
}

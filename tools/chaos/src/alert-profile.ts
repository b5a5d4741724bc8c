import type { Profile } from './profiles.ts';
import type { Summary } from './summary.ts';

/**
 * The alerting drill (`npm run chaos -- --alerts`): one fault per expected alert, separated by
 * calm long enough for the previous fault's alerts to resolve, with a calm phase before and after.
 * It runs with a single ai-core replica (killing it is the service down, not a failover) and on
 * PostgreSQL (the database fault is its connections reset). About 100 s of phases.
 */
export const ALERTS_PROFILE: Profile = {
  name: 'alerts',
  // Modest rates: the page needs 70 events in its long window (1 min compressed), which 6/s gives
  // five times over, and a backend not pushed to saturation keeps answering its scrapes on a shared machine.
  evaluatePerSec: 4,
  analysesPerSec: 2,
  steps: [
    { kind: 'calm', ms: 10_000 },
    // The error burst: every analysis answered 503 while ai-core's connections are reset.
    { kind: 'proxy', replicas: [0], fault: { kind: 'reset' }, ms: 6_000 },
    { kind: 'calm', ms: 15_000 },
    { kind: 'ai-core-kill', replica: 0, ms: 10_000 },
    { kind: 'calm', ms: 10_000 },
    { kind: 'db-proxy', fault: { kind: 'reset' }, ms: 10_000 },
    // Long enough for the last fault's 6h/30m page (30 s compressed) to resolve.
    { kind: 'calm', ms: 40_000 },
  ],
};

export const ALERTS_STACK = { aiCoreReplicas: 1 } as const;

/**
 * The resilience goals that apply to a profile. The alerting drill takes the only ai-core away on
 * purpose, so its analyses fail by design meanwhile (503 with Retry-After): its success rate is
 * reported, not held to the 99 % goal; no 500, no lost write and recovery still hold.
 */
export function resilienceViolations(profile: Profile, summary: Summary): string[] {
  if (profile !== ALERTS_PROFILE) return summary.violations;
  return summary.violations.filter((v) => !v.startsWith('success rate'));
}

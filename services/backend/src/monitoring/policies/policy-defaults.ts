import { DEFAULT_POLICY_THRESHOLDS, POLICY_METRICS, type Policy, type PolicyInput } from '@ethixai/contracts';

export const DEFAULT_WINDOW = { spanSeconds: 7 * 86_400, bucketSeconds: 3_600, minDecisions: 100, minGroupSize: 30 };
export const DEFAULT_SCORE_BANDS = { decisionThreshold: 0.5, extremeLow: 0.05, extremeHigh: 0.95 };

/** A policy problem the JSON schema cannot express; the route answers it as a 400 naming the field. */
export class PolicyProblem extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/** Fills every default of a submitted policy and checks the cross-field rules. */
export function resolvePolicy(input: PolicyInput, version: number, createdAtMs: number, createdBy: string): Policy {
  const window = { ...DEFAULT_WINDOW, ...input.window };
  const scoreBands = { ...DEFAULT_SCORE_BANDS, ...input.scoreBands };
  const metrics =
    input.metrics ?? POLICY_METRICS.map((metric) => ({ metric, threshold: DEFAULT_POLICY_THRESHOLDS[metric] }));
  if (new Set(metrics.map((m) => m.metric)).size !== metrics.length) {
    throw new PolicyProblem('policy.metrics', 'each metric may appear once');
  }
  if (window.bucketSeconds > window.spanSeconds) {
    throw new PolicyProblem('policy.window.bucketSeconds', `must not exceed spanSeconds (${window.spanSeconds})`);
  }
  if (!(
    scoreBands.extremeLow < scoreBands.decisionThreshold && scoreBands.decisionThreshold < scoreBands.extremeHigh
  )) {
    throw new PolicyProblem('policy.scoreBands', 'need extremeLow < decisionThreshold < extremeHigh');
  }
  return {
    version,
    sensitiveAttributes: [...input.sensitiveAttributes],
    metrics,
    window,
    requiredContextFields: [...(input.requiredContextFields ?? [])],
    scoreBands,
    createdAt: new Date(createdAtMs).toISOString(),
    createdBy,
  };
}

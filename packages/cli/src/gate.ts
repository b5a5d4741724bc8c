/** The CI gate: which verdicts make `--fail-on-violation` exit 1. */
import type { AuditResult, Verdict } from '@ethixai/fairness';
import { EXIT_OK, EXIT_VIOLATION } from './exit-codes.ts';

export function violations(result: AuditResult, strict: boolean): Verdict[] {
  return result.verdicts.filter((v) => v.status === 'fail' || (strict && v.status === 'warn'));
}

export function gateExitCode(result: AuditResult, failOnViolation: boolean, strict: boolean): number {
  return failOnViolation && violations(result, strict).length > 0 ? EXIT_VIOLATION : EXIT_OK;
}

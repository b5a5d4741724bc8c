/**
 * Assembles the audit result from tallies. Shared by `audit` (tallies counted from rows) and
 * `auditFromCounts` (tallies given), so both produce the same numbers for the same counts.
 */
import type { PolicyThresholds, ReferenceStrategy } from './config-types.ts';
import type { AttributeReport, AuditResult } from './result-types.ts';
import type { Tally } from './tally.ts';
import { analyzeAttribute } from './analyze-attribute.ts';
import { groupReport } from './group-report.ts';
import { coefficientOfVariation, gei } from './inequality-index.ts';
import { riskClass } from './risk.ts';
import { CONVENTIONS } from './conventions.ts';
import { ENGINE_VERSION } from './version.ts';
import { zForConfidence } from './stats/normal.ts';

export interface AttributeTallies { name: string; columns: string[]; tallies: Tally[] }

export interface ReportSettings {
  confidence: number;
  minGroupSize: number;
  minDenominator: number;
  reference: Record<string, string>;
  referenceStrategy: ReferenceStrategy;
  policy: PolicyThresholds;
  geiAlpha: number;
}

export type ReportCore = Pick<AuditResult, 'engineVersion' | 'overall' | 'attributes' | 'inequality' | 'verdicts' | 'risk' | 'conventions'>;

export function buildReport(overall: Tally, attributes: readonly AttributeTallies[], s: ReportSettings): ReportCore {
  const z = zForConfidence(s.confidence);
  const groupOptions = { z, minGroupSize: s.minGroupSize, minDenominator: s.minDenominator };
  const overallReport = groupReport(overall, groupOptions);
  const reports: AttributeReport[] = attributes.map((a) => analyzeAttribute(a.name, a.columns, a.tallies, overallReport, {
    ...groupOptions, alpha: 1 - s.confidence, reference: s.reference[a.name], referenceStrategy: s.referenceStrategy,
    policy: s.policy, geiAlpha: s.geiAlpha,
  }));
  const verdicts = reports.flatMap((r) => r.verdicts);
  return {
    engineVersion: ENGINE_VERSION,
    overall: overallReport,
    attributes: reports,
    inequality: {
      theil: gei(overall, 1),
      gei: { ...gei(overall, s.geiAlpha), alpha: s.geiAlpha },
      coefficientOfVariation: coefficientOfVariation(overall),
    },
    verdicts,
    risk: riskClass(verdicts),
    conventions: CONVENTIONS,
  };
}

/**
 * Assembles the audit result from tallies. Shared by `audit` (tallies counted from rows) and
 * `auditFromCounts` (tallies given), so both produce the same numbers for the same counts.
 */
import type { PolicyThresholds, ReferenceStrategy } from './config-types.ts';
import type { AttributeReport, AuditResult } from './result-types.ts';
import type { Tally } from './tally.ts';
import { finishAttribute, planAttribute, type AttributeOptions } from './analyze-attribute.ts';
import { TestFamily } from './test-family.ts';
import { groupReport } from './group-report.ts';
import { coefficientOfVariation, gei } from './inequality-index.ts';
import { riskClass } from './risk.ts';
import { CONVENTIONS } from './conventions.ts';
import { ENGINE_VERSION } from './version.ts';
import { intervalLevel, type IntervalMethod } from './stats/intervals.ts';

export interface AttributeTallies {
  name: string;
  columns: string[];
  tallies: Tally[];
}

export interface ReportSettings {
  confidence: number;
  intervalMethod: IntervalMethod;
  minGroupSize: number;
  minDenominator: number;
  reference: Record<string, string>;
  referenceStrategy: ReferenceStrategy;
  policy: PolicyThresholds;
  geiAlpha: number;
}

export type ReportCore = Pick<
  AuditResult,
  'engineVersion' | 'overall' | 'attributes' | 'multipleTesting' | 'inequality' | 'verdicts' | 'risk' | 'conventions'
>;

export function buildReport(overall: Tally, attributes: readonly AttributeTallies[], s: ReportSettings): ReportCore {
  const alpha = 1 - s.confidence;
  const groupOptions = {
    level: intervalLevel(s.intervalMethod, alpha),
    minGroupSize: s.minGroupSize,
    minDenominator: s.minDenominator,
  };
  const overallReport = groupReport(overall, groupOptions);
  const family = new TestFamily(alpha);
  const options = (name: string): AttributeOptions => ({
    ...groupOptions,
    alpha,
    reference: s.reference[name],
    referenceStrategy: s.referenceStrategy,
    policy: s.policy,
    geiAlpha: s.geiAlpha,
  });
  const planned = attributes.map((a) =>
    planAttribute(a.name, a.columns, a.tallies, overallReport, options(a.name), family),
  );
  family.finalize();
  const reports: AttributeReport[] = planned.map((p) => finishAttribute(p, family, options(p.name)));
  const verdicts = reports.flatMap((r) => r.verdicts);
  return {
    engineVersion: ENGINE_VERSION,
    overall: overallReport,
    attributes: reports,
    multipleTesting: family.statement(reports.reduce((n, r) => n + r.tests.length, 0)),
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

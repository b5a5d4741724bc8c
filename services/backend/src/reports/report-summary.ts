import type { ReportVerdict, RiskLevel } from '@ethixai/contracts';
import { RISK_LEVELS } from '@ethixai/contracts';
import { parseMember, topLevelMembers } from '../analyses/json-members.ts';

/**
 * What the backend extracts from an AuditResult to index and filter reports by. Only the small
 * top-level members are parsed; the per-group tables stay bytes.
 */
export interface ResultSummary {
  readonly verdict: ReportVerdict;
  readonly riskLevel: RiskLevel;
  readonly rows: number;
  readonly engineVersion: string;
  readonly inputDigest: string;
}

export class UnreadableResultError extends Error {
  constructor(message: string) {
    super(`the analysis result is unreadable: ${message}`);
    this.name = 'UnreadableResultError';
  }
}

const SEVERITY: Record<string, number> = { pass: 1, warn: 2, fail: 3 };

function member(bytes: Buffer, ranges: ReturnType<typeof topLevelMembers>, name: string): unknown {
  const range = ranges.get(name);
  if (!range) throw new UnreadableResultError(`no "${name}"`);
  return parseMember(bytes, range);
}

/** Worst verdict status, or 'none' when no criterion produced one. */
export function headlineVerdict(verdicts: readonly { status: string }[]): ReportVerdict {
  let worst: ReportVerdict = 'none';
  for (const v of verdicts) {
    if (!(v.status in SEVERITY)) throw new UnreadableResultError(`unknown verdict status "${v.status}"`);
    if (worst === 'none' || SEVERITY[v.status] > SEVERITY[worst]) worst = v.status as ReportVerdict;
  }
  return worst;
}

export function summariseResult(bytes: Buffer): ResultSummary {
  try {
    const ranges = topLevelMembers(bytes);
    const verdicts = member(bytes, ranges, 'verdicts') as { status: string }[];
    const risk = member(bytes, ranges, 'risk') as { level?: unknown };
    const provenance = member(bytes, ranges, 'provenance') as { engineVersion?: unknown; inputDigest?: unknown; rowCount?: unknown };
    if (!Array.isArray(verdicts)) throw new UnreadableResultError('"verdicts" is not an array');
    if (!RISK_LEVELS.includes(risk?.level as RiskLevel)) throw new UnreadableResultError('"risk.level" is not a risk level');
    if (typeof provenance?.engineVersion !== 'string' || typeof provenance.rowCount !== 'number') {
      throw new UnreadableResultError('"provenance" lacks engineVersion or rowCount');
    }
    return {
      verdict: headlineVerdict(verdicts),
      riskLevel: risk.level as RiskLevel,
      rows: provenance.rowCount,
      engineVersion: provenance.engineVersion,
      inputDigest: typeof provenance.inputDigest === 'string' ? provenance.inputDigest : '',
    };
  } catch (error) {
    if (error instanceof UnreadableResultError) throw error;
    throw new UnreadableResultError((error as Error).message);
  }
}

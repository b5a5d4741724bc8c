import { headlineVerdict, RISK_LEVELS, type AnalysisSummary, type RiskLevel } from '@ethixai/contracts';
import { parseMember, topLevelMembers } from '../analyses/json-members.ts';

/**
 * What the backend indexes and filters reports by. ai-core sends it in headers (the usual path);
 * when they are missing it is read from the result: only the small top-level members are parsed,
 * the per-group tables stay bytes.
 */
export type ResultSummary = AnalysisSummary;

export class UnreadableResultError extends Error {
  constructor(message: string) {
    super(`the analysis result is unreadable: ${message}`);
    this.name = 'UnreadableResultError';
  }
}

function member(bytes: Buffer, ranges: ReturnType<typeof topLevelMembers>, name: string): unknown {
  const range = ranges.get(name);
  if (!range) throw new UnreadableResultError(`no "${name}"`);
  return parseMember(bytes, range);
}

export function summariseResult(bytes: Buffer): ResultSummary {
  try {
    const ranges = topLevelMembers(bytes);
    const verdicts = member(bytes, ranges, 'verdicts') as { status: string }[];
    const risk = member(bytes, ranges, 'risk') as { level?: unknown };
    const provenance = member(bytes, ranges, 'provenance') as { engineVersion?: unknown; inputDigest?: unknown; rowCount?: unknown };
    if (!Array.isArray(verdicts)) throw new UnreadableResultError('"verdicts" is not an array');
    const verdict = headlineVerdict(verdicts);
    if (verdict === null) throw new UnreadableResultError('a verdict has an unknown status');
    if (!RISK_LEVELS.includes(risk?.level as RiskLevel)) throw new UnreadableResultError('"risk.level" is not a risk level');
    if (typeof provenance?.engineVersion !== 'string' || typeof provenance.rowCount !== 'number') {
      throw new UnreadableResultError('"provenance" lacks engineVersion or rowCount');
    }
    return {
      verdict,
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

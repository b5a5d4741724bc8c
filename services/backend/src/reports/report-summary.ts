import { headlineVerdict, RISK_LEVELS, type AnalysisSummary, type RiskLevel } from '@ethixai/contracts';

/**
 * What the backend indexes and filters reports by. ai-core sends it in headers (the usual path);
 * when they are missing it is read from the result itself.
 */
export type ResultSummary = AnalysisSummary;

export class UnreadableResultError extends Error {
  constructor(message: string) {
    super(`the analysis result is unreadable: ${message}`);
    this.name = 'UnreadableResultError';
  }
}

function member(result: Record<string, unknown>, name: string): unknown {
  if (!Object.hasOwn(result, name)) throw new UnreadableResultError(`no "${name}"`);
  return result[name];
}

export function summariseResult(bytes: Buffer): ResultSummary {
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new UnreadableResultError('the body is not a JSON object');
    const result = parsed as Record<string, unknown>;
    const verdicts = member(result, 'verdicts') as { status: string }[];
    const risk = member(result, 'risk') as { level?: unknown };
    const provenance = member(result, 'provenance') as {
      engineVersion?: unknown;
      inputDigest?: unknown;
      rowCount?: unknown;
    };
    if (!Array.isArray(verdicts)) throw new UnreadableResultError('"verdicts" is not an array');
    const verdict = headlineVerdict(verdicts);
    if (verdict === null) throw new UnreadableResultError('a verdict has an unknown status');
    if (!RISK_LEVELS.includes(risk?.level as RiskLevel))
      throw new UnreadableResultError('"risk.level" is not a risk level');
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

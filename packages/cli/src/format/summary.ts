/** One-line descriptions of the audit setup, shared by the table and html formats. */
import type { AuditResult, ResolvedAuditConfig } from '@ethixai/fairness';

export function decisionText(config: ResolvedAuditConfig): string {
  if (config.prediction !== null) {
    const positive = config.predictionPositive === null ? 'default positive' : `∈ {${config.predictionPositive.join(', ')}}`;
    return `${config.prediction} ${positive}`;
  }
  return `${config.score} ≥ ${config.threshold}`;
}

export function labelText(config: ResolvedAuditConfig): string {
  const positive = config.labelPositive === null ? 'default positive' : `∈ {${config.labelPositive.join(', ')}}`;
  return `${config.label} ${positive}`;
}

/** The resolved table configuration (counts-only results never reach the CLI). */
export function tableConfig(result: AuditResult): ResolvedAuditConfig {
  return result.provenance.config as ResolvedAuditConfig;
}

export function excludedText(result: AuditResult): string | null {
  const { excluded } = result.provenance;
  if (excluded.length === 0) return null;
  return `excluded: ${excluded.map((e) => `${e.rows.toLocaleString('en-US')} (${e.reason})`).join('; ')}`;
}

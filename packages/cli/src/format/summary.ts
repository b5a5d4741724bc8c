/** One-line descriptions of the audit setup, shared by the table and html formats. */
import type { AuditResult, ResolvedAuditConfig } from '@ethixai/fairness';

export function decisionText(config: ResolvedAuditConfig): string {
  if (config.prediction !== null) {
    const positive =
      config.predictionPositive === null ? 'default positive' : `∈ {${config.predictionPositive.join(', ')}}`;
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

/** "95% Wilson intervals": the level and the method every interval of the report uses. */
export function intervalText(config: ResolvedAuditConfig): string {
  const method = { wilson: 'Wilson', 'clopper-pearson': 'Clopper–Pearson', jeffreys: 'Jeffreys' }[
    config.intervalMethod ?? 'wilson'
  ];
  return `${Math.round(config.confidence * 1000) / 10}% ${method} intervals`;
}

/** The report's multiple-testing statement (which family, which correction). */
export function testingText(result: AuditResult): string {
  const m = result.multipleTesting;
  return (
    `significance: ${m.correction === 'holm' ? 'Holm' : 'Bonferroni'} over all ${m.hypotheses.toLocaleString('en-US')} pairwise tests of eligible groups in this report ` +
    `(every attribute and tested rate), so any false "significant" has probability ≤ ${m.alpha}; ` +
    'spread intervals (max − min, min / max) hold jointly over all pairs of groups (Šidák)'
  );
}

export function excludedText(result: AuditResult): string | null {
  const { excluded } = result.provenance;
  if (excluded.length === 0) return null;
  return `excluded: ${excluded.map((e) => `${e.rows.toLocaleString('en-US')} (${e.reason})`).join('; ')}`;
}

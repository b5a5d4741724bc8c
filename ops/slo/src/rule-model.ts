import { RUNBOOK_BASE, type Severity, type Team } from './spec.ts';

/** Prometheus rule-file shapes, as written to YAML. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Record<string, string>;
}

export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly Rule[];
}

export interface RuleFile {
  readonly groups: readonly RuleGroup[];
}

export interface AlertText {
  readonly summary: string;
  readonly description: string;
  /** How the alert's value reads in a notification (a Prometheus template). */
  readonly value: string;
}

export function runbookUrl(alert: string): string {
  return `${RUNBOOK_BASE}${alert}.md`;
}

/**
 * An alerting rule with the labels and annotations every EthixAI alert carries: severity, team,
 * summary, description, value and runbook_url (one runbook per alert name).
 */
export function alertRule(
  alert: string,
  expr: string,
  options: { for?: string; severity: Severity; team: Team; labels?: Record<string, string> },
  text: AlertText,
): AlertingRule {
  return {
    alert,
    expr,
    ...(options.for === undefined ? {} : { for: options.for }),
    labels: { severity: options.severity, team: options.team, ...options.labels },
    annotations: {
      summary: text.summary,
      description: text.description,
      value: text.value,
      runbook_url: runbookUrl(alert),
    },
  };
}

/** A PromQL label matcher list from pairs: `{a="x",b=~"y"}` (values are written as given). */
export function selector(metric: string, matchers: readonly string[]): string {
  return matchers.length === 0 ? metric : `${metric}{${matchers.join(',')}}`;
}

export const eq = (label: string, value: string): string => `${label}=${JSON.stringify(value)}`;
export const re = (label: string, pattern: string): string => `${label}=~${JSON.stringify(pattern)}`;
export const ne = (label: string, value: string): string => `${label}!=${JSON.stringify(value)}`;
export const nre = (label: string, pattern: string): string => `${label}!~${JSON.stringify(pattern)}`;

/** A regex alternation matching exactly the given literal values. */
export function anyOf(values: readonly string[]): string {
  return values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

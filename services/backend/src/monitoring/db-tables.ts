/**
 * Table types of decision monitoring (migration 0003-monitoring). Same conventions as
 * db/schema.ts: text UUID ids, epoch-ms bigint timestamps, JSON as text, no booleans.
 */
export interface MonitoredModelsTable {
  id: string;
  org_id: string;
  name: string;
  owner: string;
  intended_use: string;
  /** The policy version new evaluations are assessed under. */
  policy_version: number;
  created_at: number;
  created_by: string;
}

export interface ModelVersionsTable {
  model_id: string;
  version: string;
  created_at: number;
}

export interface MonitoringPoliciesTable {
  model_id: string;
  version: number;
  /** The resolved Policy (every default filled in) as JSON; never updated. */
  body: string;
  created_at: number;
  created_by: string;
}

export interface EvaluationsTable {
  id: string;
  org_id: string;
  model_id: string;
  model_version: string;
  policy_version: number;
  decision_id: string;
  subject_id: string | null;
  /** sha256 of the submitted decision's canonical JSON: a replay with the same id must match it. */
  input_digest: string;
  features: string;
  sensitive: string;
  context: string;
  prediction: number;
  score: number | null;
  group_key: string;
  /** The window cell the decision was counted in; a late outcome updates this one. */
  bucket_start: number;
  decided_at: number;
  created_at: number;
  risk_level: string;
  risk_score: number;
  rules: string;
  outcome: number | null;
  outcome_at: number | null;
}

export interface WindowCountsTable {
  org_id: string;
  model_id: string;
  model_version: string;
  group_key: string;
  bucket_start: number;
  n: number;
  predicted_positive: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface IncidentsTable {
  id: string;
  org_id: string;
  fingerprint: string;
  alertname: string;
  severity: string;
  status: 'open' | 'acknowledged' | 'resolved';
  summary: string;
  labels: string;
  annotations: string;
  occurrences: number;
  starts_at: number;
  first_seen_at: number;
  last_seen_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
}

export interface MonitoringTables {
  monitored_models: MonitoredModelsTable;
  model_versions: ModelVersionsTable;
  monitoring_policies: MonitoringPoliciesTable;
  evaluations: EvaluationsTable;
  window_counts: WindowCountsTable;
  incidents: IncidentsTable;
}

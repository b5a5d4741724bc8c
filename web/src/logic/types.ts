/**
 * The shapes the UI reads from the API. Engine results are the engine's own types (type-only
 * imports: nothing of the engine is bundled); API bodies follow @ethixai/contracts.
 */
export type {
  AuditResult,
  AttributeReport,
  GroupReport,
  Verdict,
  Estimate,
  RateName,
  GroupComparison,
  Interval,
  RiskAssessment,
} from '../../../packages/fairness/src/result-types.ts';
export type { DriversResult } from '../../../packages/fairness/src/drivers/types.ts';

export type Role = 'viewer' | 'analyst' | 'admin';

export interface Me {
  kind: 'user' | 'api_key';
  id: string;
  orgId: string;
  role: Role;
  email?: string;
  name?: string;
}

export interface ValueCount {
  value: string;
  count: number;
}

export interface ColumnProfile {
  name: string;
  type: 'numeric' | 'categorical' | 'empty';
  missing: number;
  distinct: number | null;
  values: ValueCount[] | null;
  min: number | null;
  max: number | null;
}

export interface Dataset {
  id: string;
  name: string;
  ownerId: string;
  bytes: number;
  storedBytes: number;
  rows: number;
  columns: string[];
  sha256: string;
  createdAt: string;
}

export interface DatasetDetail extends Dataset {
  preview: string[][];
  profile: ColumnProfile[] | null;
}

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export interface ReportSummary {
  id: string;
  datasetId: string | null;
  createdBy: string;
  createdAt: string;
  verdict: 'pass' | 'warn' | 'fail' | 'none';
  riskLevel: RiskLevel;
  rows: number;
  engineVersion: string;
  inputDigest: string;
}

export interface Report extends ReportSummary {
  result: import('../../../packages/fairness/src/result-types.ts').AuditResult;
}

export interface Job {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number;
  datasetId: string | null;
  reportId: string | null;
  error: { code: string; message: string } | null;
}

export type {
  Model,
  ModelFairness,
  Incident,
  Evaluation,
  EvaluationDetail,
  User,
  ApiKey,
  CreatedApiKey,
  CreatedUser,
} from '../../../packages/contracts/src/index.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
}

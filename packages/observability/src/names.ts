// The single source of every metric, label, span and log-field name used by EthixAI.
// Alert rules, dashboards, services and tests import or check against this file;
// docs/reference/metrics.md documents each METRIC_* (a test keeps the two in step).

// --- services (DESIGN §2) ---
export const SERVICE_BACKEND = 'ethixai-backend';
export const SERVICE_AI_CORE = 'ethixai-ai-core';
export const JOB_BACKEND = 'backend';
export const JOB_AI_CORE = 'ai_core';
export type ServiceName = typeof SERVICE_BACKEND | typeof SERVICE_AI_CORE;

// --- metrics (docs/reference/metrics.md) ---
export const METRIC_HTTP_REQUEST_DURATION = 'http_request_duration_seconds';
export const METRIC_HTTP_REQUESTS_TOTAL = 'http_requests_total';
export const METRIC_HTTP_REQUESTS_IN_PROGRESS = 'http_requests_in_progress';
/** Every SLO threshold (0.1 s API latency, 0.5 s analysis) is a bucket boundary. */
export const HTTP_DURATION_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const METRIC_EVENT_LOOP_UTILIZATION = 'nodejs_eventloop_utilization_ratio';
export const METRIC_TELEMETRY_EXPORT_FAILURES = 'ethixai_telemetry_export_failures_total';

export const METRIC_ANALYSES_TOTAL = 'ethixai_analyses_total';
export const METRIC_ROWS_ANALYSED_TOTAL = 'ethixai_rows_analysed_total';
export const METRIC_ANALYSIS_JOBS_QUEUED = 'ethixai_analysis_jobs_queued';
export const METRIC_ANALYSIS_JOBS_OLDEST_AGE = 'ethixai_analysis_jobs_oldest_age_seconds';
export const METRIC_EVALUATIONS_TOTAL = 'ethixai_evaluations_total';
export const METRIC_MODEL_DISPARITY = 'ethixai_model_disparity';
export const METRIC_INCIDENTS_OPEN = 'ethixai_incidents_open';
export const METRIC_DEPENDENCY_UP = 'ethixai_dependency_up';
export const METRIC_DEPENDENCY_CIRCUIT_STATE = 'ethixai_dependency_circuit_state';
export const METRIC_AUTH_FAILURES_TOTAL = 'ethixai_auth_failures_total';
export const METRIC_AUTH_THROTTLED_TOTAL = 'ethixai_auth_throttled_total';

export const METRIC_MODEL_DISPARITY_THRESHOLD = 'ethixai_model_disparity_threshold';
export const METRIC_MODEL_FAIRNESS_VERDICT = 'ethixai_model_fairness_verdict';
export const METRIC_ANALYSIS_NORMALIZED_DURATION = 'ethixai_analysis_normalized_duration_seconds';
/** 0.5 s per 1,000 rows is the analysis latency objective, so 0.5 is a boundary. */
export const ANALYSIS_NORMALIZED_DURATION_BUCKETS: readonly number[] = [
  0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120,
];

export const METRIC_DB_QUERY_DURATION = 'ethixai_db_query_duration_seconds';
/** The plan's 10 ms query objective is a boundary; sub-millisecond buckets resolve SQLite's fast path. */
export const DB_QUERY_DURATION_BUCKETS: readonly number[] = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];
export const METRIC_DB_POOL_CONNECTIONS = 'ethixai_db_pool_connections';
export const METRIC_DB_WAL_BYTES = 'ethixai_db_wal_bytes';

export const METRIC_ANALYSIS_STAGE_DURATION = 'ethixai_analysis_stage_duration_seconds';
export const ANALYSIS_STAGE_BUCKETS: readonly number[] = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

// Label names that rules and dashboards spell; metrics.ts declares each metric's labels.
export const LABEL_SERVICE = 'service';
export const LABEL_ROUTE = 'route';
export const LABEL_STATUS = 'status';
export const LABEL_VERDICT = 'verdict';
export const LABEL_DEPENDENCY = 'dependency';
export const LABEL_STATE = 'state';
export const LABEL_BREACH = 'breach';

// --- bounded label values ---
/** `route` label of a request that matched no route (never the raw URL). */
export const ROUTE_UNMATCHED = '__unmatched__';
/** `method` label of a non-standard HTTP method (OTel semconv's `_OTHER`). */
export const METHOD_OTHER = '_OTHER';
/** `model` label of every model beyond the configured cap. */
export const MODEL_OVERFLOW = '__other__';
export type AnalysisOutcome = 'completed' | 'failed' | 'rejected' | 'unavailable';
/** `none` when an analysis produced no verdict (failed, rejected, unavailable). */
export type Verdict = 'pass' | 'warn' | 'fail' | 'none';
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];
export const CIRCUIT_STATES = ['closed', 'open', 'half_open'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];
/** `breach` label of a disparity threshold: a difference breaches above it, a ratio below it. */
export type BreachSide = 'above' | 'below';
export const FAIRNESS_VERDICTS = ['pass', 'warn', 'fail', 'insufficient_data'] as const;
export const DB_OPERATIONS = ['select', 'insert', 'update', 'delete', 'other'] as const;
export type DbOperation = (typeof DB_OPERATIONS)[number];
export type AuthCredential = 'access_token' | 'api_key' | 'password';
export type ThrottleScope = 'address' | 'account';
export const DEPENDENCY_AI_CORE = 'ai_core';
export const DEPENDENCY_DATABASE = 'database';

// --- routes served by the plugins; machine traffic kept out of RED metrics, traces and request logs ---
export const ROUTE_METRICS = '/metrics';
export const ROUTE_HEALTH = '/health';
export const ROUTE_READY = '/ready';
export const ROUTE_HEALTH_DEPENDENCIES = '/health/dependencies';
/**
 * Route templates of analyses (backend, ai-core): their duration grows with the input, so they
 * are held to the analysis latency SLO, not to the API's 100 ms one.
 */
export const ANALYSIS_ROUTES: readonly string[] = ['/v1/analyses', '/v1/analyses/', '/v1/analyze'];
export const IGNORED_ROUTES: readonly string[] = [ROUTE_METRICS, ROUTE_HEALTH, ROUTE_READY, ROUTE_HEALTH_DEPENDENCIES];

export const HEADER_REQUEST_ID = 'x-request-id';
export const HEADER_TRACE_ID = 'x-trace-id';

// --- span attributes (OTel semantic conventions, stable HTTP set) ---
export const ATTR_URL_PATH = 'url.path';
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_DB_SYSTEM = 'db.system.name';
export const ATTR_DB_OPERATION = 'db.operation.name';
export const ATTR_DB_QUERY_TEXT = 'db.query.text';
// EthixAI's own attributes
export const ATTR_REQUEST_ID = 'ethixai.request_id';
export const ATTR_ANALYSIS_STAGE = 'ethixai.analysis.stage';
export const ATTR_EVALUATION_ROWS = 'ethixai.evaluations.rows';
export const ATTR_EVALUATION_REQUESTS = 'ethixai.evaluations.requests';
export const ATTR_JOB_ID = 'ethixai.job.id';

// --- span names (server spans are `METHOD /route/template`) ---
export const SPAN_ANALYSIS_STAGE_PREFIX = 'analysis.';
/** The group commit's transaction, under the request that opened the batch (linked to the others). */
export const SPAN_EVALUATIONS_COMMIT = 'evaluations.commit';
/** One analysis job run by the worker: the root of its own trace. */
export const SPAN_ANALYSIS_JOB = 'analysis.job';
export const TRACER_SCOPE = '@ethixai/observability';

// --- log fields (one JSON object per line) ---
export const LOG_LEVEL = 'level';
export const LOG_SERVICE = 'service';
export const LOG_MSG = 'msg';
export const LOG_REQUEST_ID = 'request_id';
export const LOG_TRACE_ID = 'trace_id';
export const LOG_SPAN_ID = 'span_id';
export const LOG_METHOD = 'method';
export const LOG_ROUTE = 'route';
export const LOG_STATUS = 'status';
export const LOG_DURATION_MS = 'duration_ms';
export const LOG_ERR = 'err';
export const LOG_MSG_REQUEST_COMPLETED = 'request completed';
// Security events (backend authentication): the client address, the credential kind, counts.
export const LOG_CLIENT_IP = 'client_ip';
export const LOG_CREDENTIAL = 'credential';
export const LOG_FAILURES = 'failures';
/** A short digest of the login email, so an attacked account can be found without logging the address. */
export const LOG_ACCOUNT_REF = 'account_ref';
export const LOG_RETRY_AFTER_S = 'retry_after_s';
export const LOG_MSG_AUTH_FAILED = 'authentication failed';
export const LOG_MSG_AUTH_THROTTLED = 'authentication throttled';

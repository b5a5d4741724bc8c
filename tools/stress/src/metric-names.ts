/**
 * The names of the stress suite's live metrics (live-metrics.ts), which the stress dashboard
 * (ops/grafana) queries. They live here, not in @ethixai/observability's names.ts: no service
 * exports them. docs/reference/metrics.md documents each ("Stress suite"; a test keeps the two in step).
 */
export const METRIC_STRESS_REQUESTS = 'ethixai_stress_requests_total';
export const METRIC_STRESS_UNEXPECTED = 'ethixai_stress_unexpected_total';
export const METRIC_STRESS_DURATION = 'ethixai_stress_request_duration_seconds';
export const METRIC_STRESS_IN_FLIGHT = 'ethixai_stress_requests_in_flight';
export const METRIC_STRESS_OFFERED_RATE = 'ethixai_stress_offered_rate';
export const METRIC_STRESS_PHASE = 'ethixai_stress_phase';
export const METRIC_STRESS_RUN_INFO = 'ethixai_stress_run_info';
export const METRIC_STRESS_RUN_START = 'ethixai_stress_run_start_time_seconds';

/** The services' HTTP buckets (0.1 s and 0.5 s are the SLO thresholds) plus the long tail an overload produces. */
export const STRESS_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

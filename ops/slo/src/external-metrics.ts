/**
 * Series the rules read that EthixAI does not name: prom-client's default metrics and what
 * Prometheus and Alertmanager export about themselves. Spelled once here; the tests check the
 * first against prom-client's own registry and the others against a live Prometheus and Alertmanager.
 */
export const PROM_CLIENT_HEAP_USED = 'nodejs_heap_size_used_bytes';
export const PROM_CLIENT_DEFAULTS: readonly string[] = [PROM_CLIENT_HEAP_USED];

/** Written by Prometheus for every scrape target. */
export const PROMETHEUS_UP = 'up';
export const PROMETHEUS_RULE_EVALUATION_FAILURES = 'prometheus_rule_evaluation_failures_total';
export const ALERTMANAGER_NOTIFICATIONS_FAILED = 'alertmanager_notifications_failed_total';
export const SELF_MONITORING: readonly string[] = [
  PROMETHEUS_RULE_EVALUATION_FAILURES,
  ALERTMANAGER_NOTIFICATIONS_FAILED,
];

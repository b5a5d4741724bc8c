import { ROUTE_HEALTH, ROUTE_HEALTH_DEPENDENCIES, ROUTE_METRICS, ROUTE_READY } from '@ethixai/observability/names';

/**
 * Probe and scrape routes (added by @ethixai/observability, so they cannot carry our route config):
 * public, and exempt from rate limits so a load balancer or Prometheus is never throttled.
 */
export const OPS_ROUTES: ReadonlySet<string> = new Set([
  ROUTE_HEALTH,
  ROUTE_READY,
  ROUTE_HEALTH_DEPENDENCIES,
  ROUTE_METRICS,
]);

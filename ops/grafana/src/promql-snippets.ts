/** PromQL fragments the dashboards share, spelled with the metric names of names.ts. */
import {
  ANALYSIS_ROUTES,
  HTTP_DURATION_BUCKETS,
  METRIC_HTTP_REQUESTS_TOTAL,
  METRIC_HTTP_REQUEST_DURATION,
  ROUTE_UNMATCHED,
} from '@ethixai/observability/names';
import { SERVICE_MATCHERS } from './panel-spec.ts';

export const RATE = '$__rate_interval';
/** Requests held to the API latency SLO: analyses and unmatched routes excepted, as in the SLO rules. */
export const API_ROUTES = `route!~"${[...ANALYSIS_ROUTES, ROUTE_UNMATCHED].join('|')}"`;

export const requestRate = (by: string, extra = ''): string =>
  `sum by (${by}) (rate(${METRIC_HTTP_REQUESTS_TOTAL}{${SERVICE_MATCHERS}${extra}}[${RATE}]))`;

/**
 * Share of requests matching `extra` (e.g. 5xx), 0 rather than no data when none matched: the
 * numerator falls back to the denominator times 0, so every service keeps its series.
 */
export const requestShare = (by: string, extra: string): string =>
  `(${requestRate(by, `, ${extra}`)} or ${requestRate(by)} * 0) / ${requestRate(by)}`;

export const latencyQuantile = (q: number, by: string, extra = ''): string =>
  `histogram_quantile(${q}, sum by (le, ${by}) (rate(${METRIC_HTTP_REQUEST_DURATION}_bucket{${SERVICE_MATCHERS}${extra}}[${RATE}])))`;

export const histogramQuantile = (q: number, metric: string, by: string, extra = ''): string =>
  `histogram_quantile(${q}, sum by (le${by === '' ? '' : `, ${by}`}) (rate(${metric}_bucket{${SERVICE_MATCHERS}${extra}}[${RATE}])))`;

if (!HTTP_DURATION_BUCKETS.includes(0.1)) throw new Error('0.1 s must stay a bucket boundary of the HTTP histogram');

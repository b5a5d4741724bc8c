import {
  ANALYSIS_ROUTES,
  LABEL_ROUTE,
  LABEL_SERVICE,
  LABEL_STATUS,
  METRIC_ANALYSIS_NORMALIZED_DURATION,
  METRIC_HTTP_REQUEST_DURATION,
  METRIC_HTTP_REQUESTS_TOTAL,
  ROUTE_UNMATCHED,
} from '@ethixai/observability/names';
import { anyOf, eq, ne, nre, re, selector } from './rule-model.ts';
import { ANALYSIS_LATENCY_THRESHOLD, API_LATENCY_THRESHOLD, type SloSpec } from './spec.ts';

/**
 * The SLI of one SLO as PromQL over a window: the share of bad events, and the number of events.
 * 404s of unknown paths (`__unmatched__`) are not user traffic: a scanner must neither dilute the
 * error ratio nor lift a quiet service over the low-traffic guard.
 */
export interface Sli {
  errorRatio(window: string): string;
  events(window: string): string;
}

function availability(slo: SloSpec): Sli {
  const base = [eq(LABEL_SERVICE, slo.service.service), ne(LABEL_ROUTE, ROUTE_UNMATCHED)];
  const total = selector(METRIC_HTTP_REQUESTS_TOTAL, base);
  const errors = selector(METRIC_HTTP_REQUESTS_TOTAL, [...base, re(LABEL_STATUS, '5..')]);
  return {
    // `or vector(0)`: a service that never failed has no 5xx series; its ratio is 0, not absent.
    errorRatio: (w) => `(sum(rate(${errors}[${w}])) or vector(0))\n/\nsum(rate(${total}[${w}]))`,
    events: (w) => `sum(increase(${total}[${w}]))`,
  };
}

/** Share of histogram observations above a bucket boundary: (count - bucket{le}) / count. */
function overThreshold(metric: string, matchers: readonly string[], le: string): Sli {
  const count = selector(`${metric}_count`, matchers);
  const good = selector(`${metric}_bucket`, [...matchers, eq('le', le)]);
  return {
    errorRatio: (w) =>
      `(\n  sum(rate(${count}[${w}]))\n  -\n  sum(rate(${good}[${w}]))\n)\n/\nsum(rate(${count}[${w}]))`,
    events: (w) => `sum(increase(${count}[${w}]))`,
  };
}

export function sliOf(slo: SloSpec): Sli {
  switch (slo.slo) {
    case 'availability':
      return availability(slo);
    case 'latency':
      return overThreshold(
        METRIC_HTTP_REQUEST_DURATION,
        [eq(LABEL_SERVICE, slo.service.service), nre(LABEL_ROUTE, anyOf([...ANALYSIS_ROUTES, ROUTE_UNMATCHED]))],
        API_LATENCY_THRESHOLD,
      );
    case 'analysis-latency':
      return overThreshold(
        METRIC_ANALYSIS_NORMALIZED_DURATION,
        [eq(LABEL_SERVICE, slo.service.service)],
        ANALYSIS_LATENCY_THRESHOLD,
      );
  }
}

import { PairCounts } from './pair-counts.ts';

/**
 * Requests being served, per method and route template, kept in plain counters and published into
 * the `http_requests_in_progress` gauge when it is scraped: two Map lookups per request instead
 * of two prom-client label hashes (the gauge's value only matters at scrape time).
 */
export class InFlightRequests {
  readonly #byRoute = new PairCounts();

  start(method: string, route: string): void {
    this.#byRoute.add(route, method, 1);
  }

  end(method: string, route: string): void {
    if (this.#byRoute.get(route, method) > 0) this.#byRoute.add(route, method, -1);
  }

  /** Every (method, route) seen so far with its current count, zeros included (a series that went back to 0 must say so). */
  forEach(visit: (method: string, route: string, count: number) => void): void {
    this.#byRoute.forEach((route, method, count) => visit(method, route, count));
  }
}

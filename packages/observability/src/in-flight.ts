/**
 * Requests being served, per method and route template, kept in plain counters and published into
 * the `http_requests_in_progress` gauge when it is scraped: two Map lookups per request instead
 * of two prom-client label hashes (the gauge's value only matters at scrape time).
 */
export class InFlightRequests {
  readonly #byRoute = new Map<string, Map<string, number>>();

  start(method: string, route: string): void {
    let byMethod = this.#byRoute.get(route);
    if (byMethod === undefined) {
      byMethod = new Map();
      this.#byRoute.set(route, byMethod);
    }
    byMethod.set(method, (byMethod.get(method) ?? 0) + 1);
  }

  end(method: string, route: string): void {
    const byMethod = this.#byRoute.get(route);
    const count = byMethod?.get(method);
    if (byMethod !== undefined && count !== undefined && count > 0) byMethod.set(method, count - 1);
  }

  /** Every (method, route) seen so far with its current count, zeros included (a series that went back to 0 must say so). */
  forEach(visit: (method: string, route: string, count: number) => void): void {
    for (const [route, byMethod] of this.#byRoute) for (const [method, count] of byMethod) visit(method, route, count);
  }
}

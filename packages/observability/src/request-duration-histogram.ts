import type { ExemplarLabels } from './exemplar.ts';

/** An exemplar as prom-client's registry and our exposition writer read it. */
interface StoredExemplar {
  labelSet: ExemplarLabels;
  value: number;
  /** Seconds since the epoch (prom-client's convention). */
  timestamp: number;
}

interface Series {
  readonly labels: { method: string; route: string; status: string };
  /** Observations per bucket, not cumulative; index `bounds.length` is above the last bound. */
  readonly counts: Float64Array;
  /** The latest exemplar per bucket, same indexing as `counts`. */
  readonly exemplars: (StoredExemplar | null)[];
  sum: number;
  count: number;
}

/** One sample of the metric family, in the shape prom-client's `Histogram.get()` returns. */
export interface HistogramSample {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
  exemplar?: StoredExemplar | null;
}

/**
 * `http_request_duration_seconds`: a histogram by method, route template and status, observed
 * once per request. prom-client's Histogram spends ~0.7 µs per observe here (label validation, a
 * label hash built as a string, bucket lookups by number-as-string keys;
 * bench/histogram-observe-cost.ts); this one finds its series through three Map lookups on values
 * the request already holds and counts into a typed array. It is registered in the prom-client
 * registry like any metric and reports the same samples prom-client's Histogram would for the same
 * observations (test/request-duration-histogram.test.ts), so exposition, exemplars and
 * `http_requests_total` (derived from its counts) are unchanged.
 */
export class RequestDurationHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #bounds: readonly number[];
  /** route → method → status → series. */
  #series = new Map<string, Map<string, Map<number, Series>>>();
  readonly name: string;
  readonly help: string;

  constructor(
    name: string,
    help: string,
    bounds: readonly number[],
  ) {
    this.name = name;
    this.help = help;
    if (bounds.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= bounds[i - 1]!))) {
      throw new RangeError(`bucket bounds must be finite and increasing, got ${bounds.join(', ')}`);
    }
    this.#bounds = [...bounds];
  }

  /** Records one request. A non-finite duration is dropped: telemetry never throws into a request. */
  observe(method: string, route: string, status: number, seconds: number, exemplar?: ExemplarLabels): void {
    if (!Number.isFinite(seconds)) return;
    const series = this.#seriesFor(method, route, status);
    const bounds = this.#bounds;
    let bucket = 0;
    while (bucket < bounds.length && seconds > bounds[bucket]!) bucket += 1;
    series.counts[bucket]! += 1;
    series.sum += seconds;
    series.count += 1;
    if (exemplar !== undefined) series.exemplars[bucket] = { labelSet: exemplar, value: seconds, timestamp: Date.now() / 1000 };
  }

  #seriesFor(method: string, route: string, status: number): Series {
    let byMethod = this.#series.get(route);
    if (byMethod === undefined) this.#series.set(route, (byMethod = new Map()));
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) byMethod.set(method, (byStatus = new Map()));
    let series = byStatus.get(status);
    if (series === undefined) {
      const slots = this.#bounds.length + 1;
      series = { labels: { method, route, status: String(status) }, counts: new Float64Array(slots), exemplars: new Array<StoredExemplar | null>(slots).fill(null), sum: 0, count: 0 };
      byStatus.set(status, series);
    }
    return series;
  }

  /** The family as prom-client's registry reads it: cumulative `_bucket` samples, then `_sum` and `_count`, per series. */
  async get(): Promise<{ name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: HistogramSample[] }> {
    const values: HistogramSample[] = [];
    const bucketName = `${this.name}_bucket`;
    for (const byMethod of this.#series.values()) {
      for (const byStatus of byMethod.values()) {
        for (const s of byStatus.values()) {
          let cumulative = 0;
          this.#bounds.forEach((le, i) => {
            cumulative += s.counts[i]!;
            values.push({ labels: { le, ...s.labels }, value: cumulative, metricName: bucketName, exemplar: s.exemplars[i] });
          });
          values.push({ labels: { le: '+Inf', ...s.labels }, value: s.count, metricName: bucketName, exemplar: s.exemplars[this.#bounds.length] });
          values.push({ labels: { ...s.labels }, value: s.sum, metricName: `${this.name}_sum` });
          values.push({ labels: { ...s.labels }, value: s.count, metricName: `${this.name}_count` });
        }
      }
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** Each series' labels and observation count (what `http_requests_total` publishes). */
  forEachCount(visit: (labels: { method: string; route: string; status: string }, count: number) => void): void {
    for (const byMethod of this.#series.values()) for (const byStatus of byMethod.values()) for (const s of byStatus.values()) visit(s.labels, s.count);
  }

  reset(): void {
    this.#series = new Map();
  }
}

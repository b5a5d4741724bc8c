// CPU per observe of the request-duration histogram: prom-client's Histogram (labels object,
// exemplars enabled, as metrics.ts had it) against RequestDurationHistogram (metrics.ts now).
// Same label sets and durations, one exemplar per ten observations (10 % sampling); alternating
// rounds in one process; read the ratio.
// Run: node packages/observability/bench/histogram-observe-cost.ts [observes per round] [rounds]
import { Histogram, type LabelValues } from 'prom-client';
import { HTTP_DURATION_BUCKETS } from '../src/names.ts';
import { RequestDurationHistogram } from '../src/request-duration-histogram.ts';
import { compareCpuPerOp } from './cpu-per-op.ts';

const OBSERVES = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = Number(process.argv[3] ?? 8);
const ROUTES = ['/v1/evaluate', '/v1/analyses', '/v1/models/:id/fairness', '/v1/reports/:id'];
const STATUSES = [200, 201, 201, 400];
const EXEMPLAR = { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' };

type Label = 'method' | 'route' | 'status';
const promClient = new Histogram<Label>({ name: 'd', help: 'd', labelNames: ['method', 'route', 'status'], buckets: [...HTTP_DURATION_BUCKETS], enableExemplars: true, registers: [] });
const ours = new RequestDurationHistogram('d', 'd', HTTP_DURATION_BUCKETS);

const ways: Record<string, (i: number) => void> = {
  'prom-client Histogram': (i) => {
    const labels: LabelValues<Label> = { method: 'POST', route: ROUTES[i & 3]!, status: String(STATUSES[(i >> 2) & 3]) };
    const value = 0.0004 * (i % 40);
    if (i % 10 === 0) promClient.observe({ labels, value, exemplarLabels: EXEMPLAR as never });
    else promClient.observe({ labels, value });
  },
  RequestDurationHistogram: (i) => ours.observe('POST', ROUTES[i & 3]!, STATUSES[(i >> 2) & 3]!, 0.0004 * (i % 40), i % 10 === 0 ? EXEMPLAR : undefined),
};

const medians = compareCpuPerOp(ways, OBSERVES, ROUNDS, 'observe');
console.log(`\nRequestDurationHistogram / prom-client: ${(medians.get('RequestDurationHistogram')! / medians.get('prom-client Histogram')!).toFixed(2)}`);

// CPU per observe of the request-duration histogram: prom-client's Histogram (labels object,
// exemplars enabled, as metrics.ts had it) against RequestDurationHistogram (metrics.ts now).
// Same label sets and durations, one exemplar per ten observations (10 % sampling); alternating
// rounds in one process; read the ratio.
// Run: node --import tsx packages/observability/bench/histogram-observe-cost.ts [observes per round] [rounds]
import { Histogram, type LabelValues } from 'prom-client';
import { HTTP_DURATION_BUCKETS } from '../src/names.ts';
import { RequestDurationHistogram } from '../src/request-duration-histogram.ts';

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

function nsPerObserve(observe: (i: number) => void): number {
  const before = process.cpuUsage();
  for (let i = 0; i < OBSERVES; i += 1) observe(i);
  const used = process.cpuUsage(before);
  return ((used.user + used.system) * 1000) / OBSERVES;
}

const samples = new Map<string, number[]>(Object.keys(ways).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round += 1) {
  const order = round % 2 === 0 ? Object.keys(ways) : Object.keys(ways).reverse();
  for (const name of order) samples.get(name)!.push(nsPerObserve(ways[name]!));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`${OBSERVES} observes per round, ${ROUNDS} rounds, ${new Date().toISOString()}`);
console.log('| histogram | CPU ns per observe (median) | per round |');
console.log('|---|---|---|');
for (const [name, xs] of samples) console.log(`| ${name} | ${median(xs).toFixed(0)} | ${xs.map((x) => x.toFixed(0)).join(', ')} |`);
const [reference, fast] = [...samples.values()].map(median);
console.log(`\nRequestDurationHistogram / prom-client: ${(fast! / reference!).toFixed(2)}`);

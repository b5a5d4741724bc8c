// CPU per count of an evaluation by model and risk level: prom-client's labelled Counter.inc (what
// business-metrics.ts had) against PairCounts.add (business-metrics.ts now; published at scrape).
// Alternating rounds in one process; read the ratio.
// Run: node packages/observability/bench/counter-inc-cost.ts [counts per round] [rounds]
import { Counter } from 'prom-client';
import { PairCounts } from '../src/pair-counts.ts';
import { compareCpuPerOp } from './cpu-per-op.ts';

const COUNTS = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = Number(process.argv[3] ?? 8);
const MODELS = ['credit-v1', 'credit-v2', 'hiring-v1', 'claims-v3'];
const RISKS = ['low', 'medium', 'high', 'low'];

const counter = new Counter({ name: 'evaluations_total', help: 'e', labelNames: ['model', 'risk_level'], registers: [] });
const pairs = new PairCounts();
const medians = compareCpuPerOp({
  'prom-client Counter.inc': (i) => counter.inc({ model: MODELS[i & 3]!, risk_level: RISKS[(i >> 2) & 3]! }),
  'PairCounts.add': (i) => pairs.add(MODELS[i & 3]!, RISKS[(i >> 2) & 3]!, 1),
}, COUNTS, ROUNDS, 'count');
console.log(`\nPairCounts / prom-client: ${(medians.get('PairCounts.add')! / medians.get('prom-client Counter.inc')!).toFixed(2)}`);

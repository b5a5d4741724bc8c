// CPU per trace id + span id pair: the SDK's RandomIdGenerator (Math.random, hex-encoded per id)
// against PooledIdGenerator (CSPRNG bytes a pool at a time, hex-encoded once per pool).
// Alternating rounds in one process; read the ratio.
// Run: node packages/observability/bench/trace-id-cost.ts [pairs per round] [rounds]
import { RandomIdGenerator, type IdGenerator } from '@opentelemetry/sdk-trace-base';
import { PooledIdGenerator } from '../src/trace-ids.ts';
import { compareCpuPerOp } from './cpu-per-op.ts';

const PAIRS = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = Number(process.argv[3] ?? 8);
const ways: Record<string, IdGenerator> = { 'SDK RandomIdGenerator': new RandomIdGenerator(), PooledIdGenerator: new PooledIdGenerator() };

let sink = 0; // keeps the ids observable so the loop is not optimised away
const medians = compareCpuPerOp(
  Object.fromEntries(Object.entries(ways).map(([name, ids]) => [name, () => {
    sink += ids.generateTraceId().length + ids.generateSpanId().length;
  }])),
  PAIRS,
  ROUNDS,
  'id pair',
);
console.log(`\nPooled / SDK: ${(medians.get('PooledIdGenerator')! / medians.get('SDK RandomIdGenerator')!).toFixed(2)}${sink > 0 ? '' : ' (no ids made)'}`);

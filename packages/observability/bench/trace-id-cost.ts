// CPU per trace id + span id pair: the SDK's RandomIdGenerator (Math.random, hex-encoded per id)
// against PooledIdGenerator (CSPRNG bytes a pool at a time, hex-encoded once per pool).
// Alternating rounds in one process; read the ratio.
// Run: node --import tsx packages/observability/bench/trace-id-cost.ts [pairs per round] [rounds]
import { RandomIdGenerator, type IdGenerator } from '@opentelemetry/sdk-trace-base';
import { PooledIdGenerator } from '../src/trace-ids.ts';

const PAIRS = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = Number(process.argv[3] ?? 8);
const ways: Record<string, IdGenerator> = { 'SDK RandomIdGenerator': new RandomIdGenerator(), PooledIdGenerator: new PooledIdGenerator() };

let sink = 0; // keeps the ids observable so the loop is not optimised away
function nsPerPair(ids: IdGenerator): number {
  const before = process.cpuUsage();
  for (let i = 0; i < PAIRS; i += 1) sink += ids.generateTraceId().length + ids.generateSpanId().length;
  const used = process.cpuUsage(before);
  return ((used.user + used.system) * 1000) / PAIRS;
}

const samples = new Map<string, number[]>(Object.keys(ways).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round += 1) {
  const order = round % 2 === 0 ? Object.keys(ways) : Object.keys(ways).reverse();
  for (const name of order) samples.get(name)!.push(nsPerPair(ways[name]!));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`${PAIRS} id pairs per round, ${ROUNDS} rounds, ${new Date().toISOString()} (${sink > 0 ? 'ids made' : ''})`);
console.log('| generator | CPU ns per pair (median) | per round |');
console.log('|---|---|---|');
for (const [name, xs] of samples) console.log(`| ${name} | ${median(xs).toFixed(0)} | ${xs.map((x) => x.toFixed(0)).join(', ')} |`);
const [sdk, pooled] = [...samples.values()].map(median);
console.log(`\nPooled / SDK: ${(pooled! / sdk!).toFixed(2)}`);

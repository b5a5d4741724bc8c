// Shared by the microbenchmarks here: CPU per operation of several ways of doing one thing,
// measured in alternating rounds in this process (so a noisy minute lands on all of them), as a
// markdown table of medians.

/** Runs `op(i)` for i in [0, ops) per way and round; prints the table; returns the median ns per op by way. */
export function compareCpuPerOp(ways: Record<string, (i: number) => void>, ops: number, rounds: number, unit: string): Map<string, number> {
  const samples = new Map<string, number[]>(Object.keys(ways).map((k) => [k, []]));
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? Object.keys(ways) : Object.keys(ways).reverse();
    for (const name of order) {
      const op = ways[name]!;
      const before = process.cpuUsage();
      for (let i = 0; i < ops; i += 1) op(i);
      const used = process.cpuUsage(before);
      samples.get(name)!.push(((used.user + used.system) * 1000) / ops);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  console.log(`${ops} ${unit}s per round, ${rounds} rounds, ${new Date().toISOString()}`);
  console.log(`| way | CPU ns per ${unit} (median) | per round |`);
  console.log('|---|---|---|');
  for (const [name, xs] of samples) console.log(`| ${name} | ${median(xs).toFixed(0)} | ${xs.map((x) => x.toFixed(0)).join(', ')} |`);
  return new Map([...samples].map(([name, xs]) => [name, median(xs)]));
}

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/run-scenario.ts';
import { loadScenario } from '../src/scenario.ts';
import { startStack } from '../src/stack.ts';

const SOAK = resolve(import.meta.dirname, 'fixtures/short-soak.json');
const LEAK = resolve(import.meta.dirname, 'fixtures/retain-per-request.ts');

async function soak(planted: boolean) {
  const stack = await startStack({
    inspect: true,
    backendNodeArgs: planted ? ['--import', LEAK] : [],
    env: planted ? { ETHIXAI_TEST_LEAK_KB: '32' } : {},
  });
  try {
    return await runScenario(stack, loadScenario(SOAK));
  } finally {
    await stack.stop();
  }
}

// Two 30 s soaks side by side (about 45 s): the unchanged build stays within the bounds, the same
// build with a planted leak of 32 KB per request fails on the backend's heap and RSS.
describe('endurance analysis', () => {
  it('passes an unchanged build and fails one with a planted leak', async () => {
    const [clean, leaky] = await Promise.all([soak(false), soak(true)]);
    for (const [label, run] of [
      ['unchanged', clean],
      ['planted leak', leaky],
    ] as const) {
      const backend = run.memory![0];
      console.log(
        `${label}: backend ${backend.verdicts.map((v) => `${v.series} ${v.trend.slopePerHour.toFixed(0)} ± ${v.trend.slopeStdErrPerHour.toFixed(0)}/h (bound ${v.boundPerHour})`).join(', ')}`,
      );
    }
    expect(clean.failures).toEqual([]);
    expect(clean.memory!.map((m) => m.service)).toEqual(['backend', 'ai-core']);
    expect(clean.memory![0].samples.t.length).toBeGreaterThanOrEqual(10);
    expect(leaky.failures.some((f) => /^backend: heapUsedMb grows .* beyond the bound of 600 per hour$/.test(f))).toBe(
      true,
    );
    expect(leaky.failures.some((f) => f.startsWith('ai-core'))).toBe(false);
    const heap = leaky.memory![0].verdicts.find((v) => v.series === 'heapUsedMb')!;
    expect(heap.grew).toBe(true);
  }, 240_000);
});

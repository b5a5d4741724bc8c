import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alternatingTrials } from '../../src/gate/trials.ts';
import { judgeTrials } from '../../src/gate/verdict.ts';
import { loadScenario, type OpenLoopScenario } from '../../src/scenario.ts';
import { startStack, type Stack } from '../../src/stack.ts';

const TAX = resolve(import.meta.dirname, '../fixtures/cpu-tax.ts');
const stacks: Stack[] = [];
afterAll(async () => {
  for (const s of stacks) await s.stop();
});

// The gate proves itself: the same build measured twice passes; the same build with 20 % more
// CPU per request (a preloaded test fixture in both services) fails. One run of alternating
// trials over the three, with the gate's own workload and tolerance (CPU per request; p95 is
// reported only on a machine this shared, see verdict.ts).
describe('performance gate self-test', () => {
  it('passes an unchanged build and fails an injected 20 % slowdown', async () => {
    const slowed = { ETHIXAI_TEST_CPU_TAX: '0.2' };
    stacks.push(
      await startStack(),
      await startStack(),
      await startStack({ env: slowed, backendNodeArgs: ['--import', TAX], aiCoreNodeArgs: ['--import', TAX] }),
    );
    const [reference, unchanged, slow] = stacks;
    const results = await alternatingTrials(
      [
        { label: 'reference', stack: reference },
        { label: 'unchanged', stack: unchanged },
        { label: 'slowed', stack: slow },
      ],
      loadScenario('gate') as OpenLoopScenario,
      5,
      (l) => console.log(l),
    );
    const same = judgeTrials(results.get('reference')!, results.get('unchanged')!);
    const worse = judgeTrials(results.get('reference')!, results.get('slowed')!);
    console.log(
      `unchanged: CPU ratio ${same.cpuRatio.median.toFixed(3)} [${same.cpuRatio.each.map((x) => x.toFixed(3)).join(', ')}]; slowed: ${worse.cpuRatio.median.toFixed(3)} [${worse.cpuRatio.each.map((x) => x.toFixed(3)).join(', ')}]`,
    );
    expect(same.failures).toEqual([]);
    expect(worse.passed).toBe(false);
    expect(worse.failures[0]).toMatch(/^CPU per request: 1\.\d+× the reference/);
  }, 600_000);
});

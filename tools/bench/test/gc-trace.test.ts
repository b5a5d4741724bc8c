import { describe, expect, it } from 'vitest';
import { addGcTotals, gcTotals } from '../src/gc-trace.ts';

// Shortened from real `node --trace-gc-nvp` output (Node v20.20.2); log lines in between, as in a service's stdout.
const TRACE = [
  '[3731:0x389b3d70]       50 ms: pause=1.1 mutator=45.0 gc=s reduce_memory=0 time_to_safepoint=0.00 scavenge=1.01 total_size_before=4854528 allocated=4854528 promoted=0 new_space_survived=465168 nodes_promoted=1',
  '{"level":"info","msg":"request completed","status":201}',
  '[3731:0x389b3d70]       66 ms: pause=1.3 mutator=14.5 gc=s reduce_memory=0 allocated=1000000 promoted=2048 new_space_survived=100000',
  '[3731:0x389b3d70]     9000 ms: pause=4.5 mutator=900.0 gc=mc reduce_memory=0 mark=2.10 allocated=77 promoted=4096',
  'pause=9 without a kind is not a trace line',
].join('\n');

describe('gcTotals', () => {
  it('sums scavenges and other collections separately, skipping other lines', () => {
    const totals = gcTotals(TRACE);
    expect(totals).toMatchObject({ scavenges: 2, others: 1, allocatedBytes: 5_854_528, survivedBytes: 565_168, promotedBytes: 6_144, otherPauseMs: 4.5 });
    expect(totals.scavengePauseMs).toBeCloseTo(2.4, 10);
  });

  it('is zero for text without trace lines, and adds up', () => {
    const none = gcTotals('{"msg":"x"}\n');
    expect(none.scavenges + none.others + none.allocatedBytes).toBe(0);
    const once = gcTotals(TRACE);
    expect(addGcTotals(once, once)).toEqual(gcTotals(`${TRACE}\n${TRACE}`));
  });
});

import { describe, expect, it } from 'vitest';
import { PooledIdGenerator, newSpanId, newTraceId } from '../src/trace-ids.ts';

describe('trace and span ids', () => {
  it('are W3C-shaped, non-zero and distinct across many pools', () => {
    const traces = Array.from({ length: 5000 }, () => newTraceId());
    const spans = Array.from({ length: 5000 }, () => newSpanId());
    expect(traces.every((id) => /^[0-9a-f]{32}$/.test(id) && id !== '0'.repeat(32))).toBe(true);
    expect(spans.every((id) => /^[0-9a-f]{16}$/.test(id) && id !== '0'.repeat(16))).toBe(true);
    expect(new Set(traces).size).toBe(5000);
    expect(new Set(spans).size).toBe(5000);
  });

  it('never hands out an all-zero id, even when the random source yields one', () => {
    let pools = 0;
    // First pool all zeros, later pools a counting pattern: only those can become ids.
    const ids = new PooledIdGenerator((pool) => {
      pools += 1;
      if (pools === 1) return pool.fill(0);
      for (let i = 0; i < pool.length; i += 1) pool[i] = (i * 7 + pools) & 0xff;
      return pool;
    });
    const trace = ids.generateTraceId();
    const span = ids.generateSpanId();
    expect(pools).toBe(2);
    expect(trace).not.toBe('0'.repeat(32));
    expect(span).not.toBe('0'.repeat(16));
    expect(trace).toMatch(/^[0-9a-f]{32}$/);
  });

  it('takes ids in order from one pool until it runs out, then refills', () => {
    let pools = 0;
    const ids = new PooledIdGenerator((pool) => {
      pools += 1;
      return pool.fill(pools);
    });
    // A pool is 4096 bytes = 8192 hex digits = 256 trace ids.
    const first = Array.from({ length: 256 }, () => ids.generateTraceId());
    expect(pools).toBe(1);
    expect(first.every((id) => id === '01'.repeat(16))).toBe(true);
    expect(ids.generateTraceId()).toBe('02'.repeat(16));
    expect(pools).toBe(2);
  });
});

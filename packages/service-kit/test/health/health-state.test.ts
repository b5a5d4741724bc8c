import { describe, expect, it } from 'vitest';
import { createHealthState, withTimeout } from '../../src/health/health-state.ts';

describe('health state', () => {
  it('starts serving and stays shutting down once marked', () => {
    const state = createHealthState();
    expect(state.shuttingDown).toBe(false);
    state.markShuttingDown();
    state.markShuttingDown();
    expect(state.shuttingDown).toBe(true);
  });
});

describe('withTimeout', () => {
  it('resolves the work, passes its failure on, and rejects a hung one naming what timed out', async () => {
    expect(await withTimeout(() => 42, 1000, 'probe')).toBe(42);
    await expect(
      withTimeout(
        async () => {
          throw new Error('ECONNREFUSED');
        },
        1000,
        'probe',
      ),
    ).rejects.toThrow('ECONNREFUSED');
    await expect(withTimeout(() => new Promise(() => undefined), 20, 'probe db')).rejects.toThrow(
      'probe db timed out after 20 ms',
    );
  });
});

/**
 * releaseStartupGarbage in a fresh Node process (the collection it runs needs `--expose-gc`,
 * which the test runner's own process does not have). About 1 s.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = fileURLToPath(new URL('../../src/runtime/startup-gc.ts', import.meta.url));

// Retains about 50 MB of small objects (old space after a full GC), drops them, then releases them.
const SCRIPT = `
import { releaseStartupGarbage } from ${JSON.stringify(MODULE)};
let junk = Array.from({ length: 200 }, () => Array.from({ length: 5000 }, (_, j) => ({ j })));
globalThis.gc?.();
const before = process.memoryUsage().heapTotal;
junk = undefined;
const released = releaseStartupGarbage();
const after = process.memoryUsage().heapTotal;
console.log(JSON.stringify({ released, before, after }));
`;

function run(flags: string[]): { released: boolean; before: number; after: number } {
  const out = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', SCRIPT], { encoding: 'utf8' });
  expect(out.status, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as { released: boolean; before: number; after: number };
}

describe('releaseStartupGarbage', () => {
  it('with --expose-gc, collects dropped objects and gives their heap back', () => {
    const { released, before, after } = run(['--expose-gc']);
    expect(released).toBe(true);
    expect(before - after).toBeGreaterThan(30 * 1024 * 1024);
  });

  it('without --expose-gc, does nothing and says so', () => {
    const { released, before, after } = run([]);
    expect(released).toBe(false);
    expect(before - after).toBeLessThan(30 * 1024 * 1024);
  });
});

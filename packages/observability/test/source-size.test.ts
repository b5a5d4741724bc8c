import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 16 bounds the package: it configures prom-client, pino and the OpenTelemetry SDK and
// must not grow back into replacements of them. Test doubles live in @ethixai/test-support.
const MAX_LINES = 1000;
const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceLines(): Map<string, number> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return new Map(files.map((f) => [f, readFileSync(`${SRC}${f}`, 'utf8').split('\n').length - 1]));
}

describe('packages/observability/src', () => {
  it(`is at most ${MAX_LINES} lines of TypeScript`, () => {
    const lines = sourceLines();
    expect(lines.size).toBeGreaterThan(5);
    const total = [...lines.values()].reduce((a, b) => a + b, 0);
    expect(total, JSON.stringify(Object.fromEntries(lines))).toBeLessThanOrEqual(MAX_LINES);
  });

  it('holds no test doubles', () => {
    expect([...sourceLines().keys()].filter((f) => /testing|receiver|capture|in-memory/.test(f))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from '../src/options.ts';
import { renderReport } from '../src/table.ts';

describe('health-check report', () => {
  it('prints one aligned row per check and names every failed one in the last line', () => {
    const text = renderReport([
      { check: 'backend /health', ok: true, detail: 'HTTP 200' },
      { check: 'ai-core /ready', ok: false, detail: 'ECONNREFUSED' },
      { check: 'prometheus targets', ok: false, detail: 'ai_core 127.0.0.1:1 down' },
    ]);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CHECK\s+STATUS\s+DETAIL$/);
    expect(lines[2]).toMatch(/^ai-core \/ready\s+FAIL\s+ECONNREFUSED$/);
    expect(lines[1]!.indexOf('ok')).toBe(lines[2]!.indexOf('FAIL'));
    expect(lines.at(-1)).toBe('unhealthy: ai-core /ready, prometheus targets');
  });

  it('says healthy when every check passed', () => {
    expect(
      renderReport([{ check: 'a', ok: true, detail: '' }])
        .trimEnd()
        .split('\n')
        .at(-1),
    ).toBe('healthy: all 1 checks passed');
  });
});

describe('health-check options', () => {
  it('defaults to the reference ports and trims trailing slashes', () => {
    expect(parseOptions(['--prometheus', 'http://prom:9090/'])).toEqual({
      backendUrl: 'http://127.0.0.1:5000',
      aiCoreUrl: 'http://127.0.0.1:8100',
      prometheusUrl: 'http://prom:9090',
      alertmanagerUrl: 'http://127.0.0.1:9093',
      timeoutMs: 5000,
    });
  });

  it('rejects unknown flags, non-URLs and silly timeouts, naming the argument', () => {
    expect(() => parseOptions(['--nope'])).toThrow(UsageError);
    expect(() => parseOptions(['--backend', 'localhost:5000'])).toThrow(/--backend must be an http\(s\) URL/);
    expect(() => parseOptions(['--timeout-ms', '5'])).toThrow(/--timeout-ms/);
  });
});

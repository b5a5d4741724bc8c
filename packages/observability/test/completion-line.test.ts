import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { writeCompletionLine, type CompletionFields } from '../src/completion-line.ts';
import { createLogger } from '../src/logger.ts';

function capture(level = 'info') {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk, _encoding, callback) { lines.push(String(chunk)); callback(); } });
  return { lines, logger: createLogger({ service: 'ethixai-backend', level, destination }) };
}

/** What pino writes for the same fields, the way the request-log plugin logged before. */
function viaPino(log: Logger, f: CompletionFields): void {
  const line: Record<string, string | number> = { method: f.method, route: f.route, status: f.status, duration_ms: f.durationMs };
  if (f.traceId !== undefined && f.spanId !== undefined) Object.assign(line, { trace_id: f.traceId, span_id: f.spanId });
  log.info(line, 'request completed');
}

// Lines written in the same millisecond compare byte for byte; across a millisecond tick only the time differs.
const withoutTime = (line: string) => line.replace(/"time":"[^"]*"/, '"time":""');

const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
const fields = fc.record({
  method: fc.constantFrom('GET', 'POST', 'DELETE', '_OTHER'),
  route: fc.oneof(fc.constantFrom('/v1/evaluate', '/items/:id', '__unmatched'), fc.string({ unit: 'binary' })),
  status: fc.integer({ min: 100, max: 599 }),
  durationMs: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(Number.NaN)),
  traceId: fc.option(hex(32), { nil: undefined }),
  spanId: fc.option(hex(16), { nil: undefined }),
});

describe('writeCompletionLine', () => {
  it('writes exactly the line pino writes for the same fields, bindings included', () => {
    fc.assert(fc.property(fields, fc.string({ unit: 'binary' }), (f, requestId) => {
      const { lines, logger } = capture();
      const log = logger.child({ request_id: requestId });
      expect(writeCompletionLine(log, f)).toBe(true);
      viaPino(log, f);
      expect(lines).toHaveLength(2);
      expect(withoutTime(lines[0]!)).toBe(withoutTime(lines[1]!));
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', service: 'ethixai-backend', request_id: requestId, msg: 'request completed' });
    }));
  });

  it('carries ids bound to the logger later (a sampled request), and the time of writing', () => {
    const { lines, logger } = capture();
    const log = logger.child({ request_id: 'req-1' });
    log.setBindings({ trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' });
    writeCompletionLine(log, { method: 'POST', route: '/v1/evaluate', status: 201, durationMs: 1.5 });
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ request_id: 'req-1', trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331', status: 201, duration_ms: 1.5 });
    expect(Math.abs(Date.parse(line.time as string) - Date.now())).toBeLessThan(5_000);
  });

  it('writes nothing when info is off, and declines a logger that is not pino', () => {
    const { lines, logger } = capture('warn');
    expect(writeCompletionLine(logger.child({ request_id: 'r' }), { method: 'GET', route: '/', status: 200, durationMs: 1 })).toBe(true);
    expect(lines).toEqual([]);
    const notPino = { info: () => undefined } as unknown as Logger;
    expect(writeCompletionLine(notPino, { method: 'GET', route: '/', status: 200, durationMs: 1 })).toBe(false);
  });
});

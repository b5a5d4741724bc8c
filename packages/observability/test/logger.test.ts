import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REDACTED, createLogger } from '../src/logger.ts';

const WRITER = fileURLToPath(new URL('./support/log-writer.ts', import.meta.url));

interface Run {
  lines: () => Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  kill: () => void;
}

function run(mode: string): Run {
  const child = spawn(process.execPath, [WRITER, mode], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  return {
    lines: () =>
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}

const LINES = Array.from({ length: 2000 }, (_, i) => i);

// stdout is written asynchronously (sonic-boom through pino.destination): these pin that no line is
// lost or held back, whatever way the process ends (pino flushes synchronously on exit).
describe('createLogger on stdout', () => {
  it.each(['exit', 'throw'])('every line reaches stdout when the process ends by %s', async (mode) => {
    const writer = run(mode);
    expect(await writer.exited).not.toBe(0);
    expect(
      writer
        .lines()
        .filter((l) => l.msg === 'line')
        .map((l) => l.i),
    ).toEqual(LINES);
  });

  it('a quiet process writes its lines out without waiting for more', async () => {
    const writer = run('idle');
    try {
      const deadline = Date.now() + 20_000; // a loaded machine starts node slowly
      while (writer.lines().length < LINES.length && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(writer.lines()).toHaveLength(LINES.length);
      expect(writer.lines()[0]).toMatchObject({ level: 'info', service: 'log-writer', msg: 'line', i: 0 });
    } finally {
      writer.kill();
    }
  });
});

describe('createLogger redaction', () => {
  function capture() {
    const out: string[] = [];
    const logger = createLogger({ service: 'test', destination: { write: (line: string) => void out.push(line) } });
    return { logger, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
  }

  it('censors redacted keys at the top level and one level down of a line, and top-level bindings', () => {
    const { logger, lines } = capture();
    const input = { password: 'p1', nested: { token: 't1', keep: 'k' }, list: [{ password: 'deep-in-array' }] };
    logger.child({ request_id: 'r1', secret: 's1' }).info(input, 'hello');
    const [line] = lines();
    expect(line).toMatchObject({
      request_id: 'r1',
      secret: REDACTED,
      password: REDACTED,
      nested: { token: REDACTED, keep: 'k' },
      msg: 'hello',
    });
    // Two levels down is out of scope (as with pino's `*.key` paths); the caller's object is untouched.
    expect(line!.list).toEqual([{ password: 'deep-in-array' }]);
    expect(input.nested.token).toBe('t1');
  });

  it('censors an error after its serializer, keeping its message and stack', () => {
    const { logger, lines } = capture();
    const err = Object.assign(new Error('boom'), { apiKey: 'k-secret', code: 'E_X' });
    logger.error({ err }, 'failed');
    const logged = lines()[0]!.err as Record<string, unknown>;
    expect(logged).toMatchObject({ message: 'boom', apiKey: REDACTED, code: 'E_X' });
    expect(logged.stack).toContain('boom');
  });
});

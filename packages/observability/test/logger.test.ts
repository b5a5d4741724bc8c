import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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

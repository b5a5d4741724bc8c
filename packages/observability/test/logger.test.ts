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
    lines: () => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}

// stdout is written in batches (logger.ts): these pin that batching never loses or delays lines
// beyond the periodic flush, whatever way the process ends.
describe('createLogger on stdout', () => {
  it.each(['exit', 'throw'])('every line reaches stdout when the process ends by %s', async (mode) => {
    const writer = run(mode);
    expect(await writer.exited).not.toBe(0);
    expect(writer.lines().filter((l) => l.msg === 'line').map((l) => l.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('a quiet process still writes its lines out within the periodic flush', async () => {
    const writer = run('idle');
    try {
      const deadline = Date.now() + 4000;
      while (writer.lines().length < 50 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(writer.lines()).toHaveLength(50);
      expect(writer.lines()[0]).toMatchObject({ level: 'info', service: 'log-writer', msg: 'line', i: 0 });
    } finally {
      writer.kill();
    }
  });
});

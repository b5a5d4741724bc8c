import fs from 'node:fs/promises';
import path from 'node:path';

/** The checkpoint log's file in AUDIT_CHECKPOINT_DIR. */
export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

export function checkpointPath(dirOrFile: string): string {
  return dirOrFile.endsWith('.jsonl') ? dirOrFile : path.join(dirOrFile, CHECKPOINT_FILE);
}

export interface LinesRead {
  lines: string[];
  /** Offset after the last complete line. */
  offset: number;
  /** Bytes after the last newline: a write that was cut short. */
  tornBytes: number;
}

/** Complete lines from `offset` on (a missing file reads as empty). */
export async function readLines(file: string, offset = 0): Promise<LinesRead> {
  let text: Buffer;
  try {
    const handle = await fs.open(file, 'r');
    try {
      const { size } = await handle.stat();
      text = Buffer.alloc(Math.max(0, size - offset));
      if (text.length > 0) await handle.read(text, 0, text.length, offset);
    } finally {
      await handle.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], offset: 0, tornBytes: 0 };
    throw err;
  }
  const end = text.lastIndexOf(0x0a) + 1;
  const lines =
    end === 0
      ? []
      : text
          .subarray(0, end - 1)
          .toString('utf8')
          .split('\n');
  return { lines, offset: offset + end, tornBytes: text.length - end };
}

/** Appends one line and flushes it to the disk before returning. */
export async function appendLine(file: string, line: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(file, 'a', 0o640);
  try {
    await handle.write(`${line}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Cuts a torn last line (a crash mid-write) so the next line starts clean; only the lease holder calls it. */
export async function cutTornTail(file: string, completeBytes: number): Promise<void> {
  await fs.truncate(file, completeBytes);
}

/**
 * The CSV file into a Table: one read into a Buffer for ordinary files (a 30 MB file is one
 * syscall and no copies), a stream through the chunked builder for huge files and stdin.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { CsvTableBuilder, type CsvColumnRequest, type CsvTable, scanCsv } from './fairness-csv.ts';
import { UsageError } from './exit-codes.ts';

/** Above this a file is streamed rather than read whole (Buffers cap at a few GiB). */
const STREAM_ABOVE_BYTES = 512 * 1024 * 1024;

export interface TableInput {
  readonly table: CsvTable;
  readonly bytes: number;
  /** Of the raw file, so a report can be matched to the exact bytes it was computed from. */
  readonly sha256: string;
}

export async function readTable(file: string, columns: CsvColumnRequest[], delimiter: string): Promise<TableInput> {
  if (file === '-') return streamTable(process.stdin, columns, delimiter);
  const size = fileSize(file);
  if (size > STREAM_ABOVE_BYTES) return streamTable(createReadStream(file), columns, delimiter, size);
  const bytes = readFileSync(file);
  const table = scanCsv(bytes, { columns, delimiter });
  return { table, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function fileSize(file: string): number {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UsageError(`${file} is a directory, not a CSV file`);
    return stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)}`,
    );
  }
}

async function streamTable(
  stream: Readable,
  columns: CsvColumnRequest[],
  delimiter: string,
  size = 0,
): Promise<TableInput> {
  const builder = new CsvTableBuilder({ columns, delimiter, expectedBytes: size });
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
    builder.push(chunk as Buffer);
  }
  return { table: builder.finish(), bytes, sha256: hash.digest('hex') };
}

/**
 * Builds a Table from CSV bytes fed in chunks (a request body, a file stream), never holding the
 * text as a JS string. Only the bytes of an unfinished record are carried from one chunk to the
 * next; a carry is re-scanned only once the input behind it has at least doubled, so one huge
 * quoted field cannot make the scan quadratic.
 */
import { FairnessError } from '../errors.ts';
import type { Column } from '../table.ts';
import { FieldReader, LF } from './field-reader.ts';
import { type ColumnPlan, planColumns, readHeader, type SinkFactory } from './header.ts';
import { type CsvScanOptions, type CsvTable, type ResolvedCsvOptions, resolveCsvOptions } from './options.ts';
import { blankLineEnd, RecordScanner } from './record-scanner.ts';
import { Utf8Validator } from './utf8.ts';

const INITIAL_CAPACITY = 1024;

export class CsvTableBuilder {
  private readonly options: ResolvedCsvOptions;
  private readonly reader: FieldReader;
  private readonly validator = new Utf8Validator();
  private carry: Uint8Array = new Uint8Array(0);
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private bytesSeen = 0;
  private bomChecked = false;
  private header: string[] | null = null;
  private plan: ColumnPlan | null = null;
  private scanner: RecordScanner | null = null;
  /** Physical line where the carry starts, until the scanner exists. */
  private line = 1;
  private finished = false;

  private readonly sinkFor: SinkFactory | undefined;

  /** `sinkFor` replaces the column sinks (the profiler's); the engine uses the default ones. */
  constructor(options: CsvScanOptions = {}, sinkFor?: SinkFactory) {
    this.options = resolveCsvOptions(options);
    this.sinkFor = sinkFor;
    this.reader = new FieldReader(this.options.delimiter);
  }

  push(chunk: Uint8Array): void {
    if (this.finished) throw new Error('CsvTableBuilder.push after finish');
    this.bytesSeen += chunk.length;
    if (this.bytesSeen > this.options.maxBytes) {
      throw new FairnessError('FAIR_ERR_LIMIT_EXCEEDED', `the input is larger than ${this.options.maxBytes} bytes`, {
        limit: 'maxBytes',
      });
    }
    const bad = this.validator.feed(chunk, 0, chunk.length);
    if (bad !== -1) this.encodingError(chunk, bad);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < this.carry.length) return;
    this.process(this.takeInput(), false);
  }

  finish(): CsvTable {
    if (this.finished) throw new Error('CsvTableBuilder.finish called twice');
    this.finished = true;
    if (this.validator.incomplete) this.encodingError(new Uint8Array(0), 0);
    this.process(this.takeInput(), true);
    const scanner = this.scanner;
    if (scanner === null || this.header === null || this.plan === null) {
      throw new FairnessError('FAIR_ERR_EMPTY_INPUT', 'the CSV is empty: no header and no data rows');
    }
    if (scanner.rowCount === 0)
      throw new FairnessError('FAIR_ERR_EMPTY_INPUT', 'the CSV has a header but no data rows', { line: scanner.line });
    const columns = new Map<string, Column>();
    for (const { field, name } of this.plan.outputs)
      columns.set(name, this.plan.sinks[field]!.finish(scanner.rowCount));
    return { rowCount: scanner.rowCount, columns, duplicateNames: this.plan.duplicateNames, header: this.header };
  }

  private takeInput(): Uint8Array {
    const parts = this.carry.length > 0 ? [this.carry, ...this.pending] : this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (parts.length === 1) return parts[0];
    const input = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    let at = 0;
    for (const part of parts) {
      input.set(part, at);
      at += part.length;
    }
    return input;
  }

  private process(input: Uint8Array, final: boolean): void {
    let pos = 0;
    if (!this.bomChecked) {
      if (input.length < 3 && !final) return this.keep(input, 0);
      if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) pos = 3;
      this.bomChecked = true;
    }
    if (this.scanner === null) {
      pos = this.startScanner(input, pos, final);
      if (this.scanner === null) return this.keep(input, pos);
    }
    pos = this.scanner.scan(input, pos, input.length, final);
    this.keep(input, pos);
  }

  /** Skips blank lines, reads the header and plans the columns; returns where data starts. */
  private startScanner(input: Uint8Array, pos: number, final: boolean): number {
    for (;;) {
      if (pos >= input.length) return pos;
      const blank = blankLineEnd(input, pos, input.length, final);
      if (blank === -1) return pos;
      if (blank === pos) break;
      pos = blank;
      this.line++;
    }
    const header = readHeader(this.reader, input, pos, input.length, final, this.line);
    if (header === null) return pos;
    this.header = header.names;
    const capacity = Math.min(INITIAL_CAPACITY, this.options.maxRows + 1);
    this.plan = planColumns(header.names, this.options, capacity, this.sinkFor);
    const limits = { maxRows: this.options.maxRows, expectedBytes: this.options.expectedBytes };
    this.scanner = new RecordScanner(
      this.reader,
      this.options.delimiter,
      this.plan.sinks,
      header.names,
      limits,
      header.nextLine,
      capacity,
    );
    return header.next;
  }

  /** Keeps the unconsumed tail (copied: the caller may reuse its chunk buffers). */
  private keep(input: Uint8Array, pos: number): void {
    this.carry = pos >= input.length ? new Uint8Array(0) : input.slice(pos);
    if (this.scanner === null) return;
    this.line = this.scanner.line;
  }

  private encodingError(chunk: Uint8Array, offset: number): never {
    let line = this.scanner?.line ?? this.line;
    for (const part of [this.carry, ...this.pending]) line += countLineFeeds(part, 0, part.length);
    line += countLineFeeds(chunk, 0, offset);
    throw new FairnessError('FAIR_ERR_CSV_ENCODING', `line ${line}: the CSV is not valid UTF-8`, { line });
  }
}

function countLineFeeds(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(LF, start); i !== -1 && i < end; i = bytes.indexOf(LF, i + 1)) n++;
  return n;
}

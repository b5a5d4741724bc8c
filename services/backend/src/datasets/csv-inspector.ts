/**
 * A light structural pass over a CSV byte stream (RFC 4180 quoting), fed chunk by chunk so an
 * upload is validated while it streams and never held in memory. It checks what the engine would
 * otherwise reject late — empty input, ragged rows, invalid UTF-8, an unterminated quote — and
 * reports the 1-based line, and it captures the header and the first rows for the preview.
 * It does not type the values: that is the engine's scanner's job when an analysis runs.
 */
export type CsvProblem = 'empty' | 'ragged' | 'encoding' | 'unterminated_quote';

export class CsvStructureError extends Error {
  readonly problem: CsvProblem;
  readonly line: number;

  constructor(problem: CsvProblem, line: number, message: string) {
    super(message);
    this.problem = problem;
    this.line = line;
    this.name = 'CsvStructureError';
  }
}

export interface CsvInspection {
  readonly header: string[];
  readonly rowCount: number;
  readonly preview: string[][];
}

const QUOTE = 0x22, COMMA = 0x2c, LF = 0x0a, CR = 0x0d;

export class CsvInspector {
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private inQuotes = false;
  private afterQuote = false; // just saw a quote inside a quoted field: either "" or the closing quote
  private fieldBytes = 0;
  private fields = 0;
  private width = -1;
  private rows = 0;
  private utf8Need = 0;
  private utf8Lower = 0x80;
  private utf8Upper = 0xbf;
  private totalBytes = 0;
  private readonly capture: string[][] = [];
  private current: string[] = [];
  private field: number[] = [];
  private readonly decoder = new TextDecoder('utf-8');
  private readonly previewRows: number;

  constructor(previewRows: number) {
    this.previewRows = previewRows;
  }

  private get capturing(): boolean {
    return this.capture.length < this.previewRows + 1;
  }

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) this.byte(chunk[i]);
    this.totalBytes += chunk.length;
  }

  private byte(b: number): void {
    if (this.utf8Need > 0 || b >= 0x80) this.utf8(b);
    if (b === LF) this.line++;
    if (this.inQuotes) {
      if (!this.afterQuote) {
        if (b === QUOTE) this.afterQuote = true;
        else this.keep(b);
        return;
      }
      this.afterQuote = false;
      if (b === QUOTE) return this.keep(b); // "" is an escaped quote
      this.inQuotes = false; // the previous quote closed the field
    }
    if (b === COMMA) return this.endField();
    if (b === LF) return this.endRecord();
    if (b === CR) return;
    if (b === QUOTE && this.fieldBytes === 0) {
      this.inQuotes = true;
      this.quoteLine = this.line;
      this.fieldBytes++;
      return;
    }
    this.keep(b);
  }

  private keep(b: number): void {
    this.fieldBytes++;
    if (this.capturing) this.field.push(b);
  }

  private endField(): void {
    this.fields++;
    this.fieldBytes = 0;
    if (this.capturing) this.current.push(this.takeField());
  }

  private takeField(): string {
    let text = this.decoder.decode(Uint8Array.from(this.field));
    if (this.capture.length === 0 && this.current.length === 0) text = text.replace(/^\uFEFF/, '');
    this.field = [];
    return text;
  }

  private endRecord(): void {
    const blank = this.fields === 0 && this.fieldBytes === 0;
    const fields = this.fields + 1;
    const line = this.recordLine;
    this.fields = 0;
    this.fieldBytes = 0;
    this.recordLine = this.line;
    if (blank) return; // blank lines carry no record (pandas and csv-parse skip them too)
    if (this.capturing) {
      this.current.push(this.takeField());
      this.capture.push(this.current);
      this.current = [];
    }
    if (this.width < 0) {
      this.width = fields;
      return;
    }
    this.rows++;
    if (fields !== this.width) {
      throw new CsvStructureError('ragged', line, `line ${line} has ${fields} fields, the header has ${this.width}`);
    }
  }

  private utf8(b: number): void {
    if (this.utf8Need > 0) {
      if (b < this.utf8Lower || b > this.utf8Upper) return this.badEncoding();
      this.utf8Need--;
      this.utf8Lower = 0x80;
      this.utf8Upper = 0xbf;
      return;
    }
    if (b >= 0xc2 && b <= 0xdf) this.utf8Need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      this.utf8Need = 2;
      if (b === 0xe0) this.utf8Lower = 0xa0; // overlong
      if (b === 0xed) this.utf8Upper = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      this.utf8Need = 3;
      if (b === 0xf0) this.utf8Lower = 0x90;
      if (b === 0xf4) this.utf8Upper = 0x8f;
    } else this.badEncoding();
  }

  private badEncoding(): never {
    throw new CsvStructureError('encoding', this.line, `line ${this.line} is not valid UTF-8`);
  }

  /** Call once the stream has ended. */
  finish(): CsvInspection {
    if (this.utf8Need > 0) this.badEncoding();
    if (this.inQuotes && !this.afterQuote) {
      throw new CsvStructureError('unterminated_quote', this.quoteLine,
        `the quoted field opened on line ${this.quoteLine} is never closed`);
    }
    this.inQuotes = false;
    this.endRecord();
    if (this.width < 0) {
      throw new CsvStructureError('empty', 1, 'the CSV is empty: it has no header');
    }
    if (this.rows === 0) {
      throw new CsvStructureError('empty', this.line, 'the CSV has a header but no data rows');
    }
    const [header, ...preview] = this.capture;
    return { header, rowCount: this.rows, preview };
  }

  get bytesSeen(): number {
    return this.totalBytes;
  }
}

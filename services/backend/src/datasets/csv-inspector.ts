import {
  CsvProfiler,
  FairnessError,
  readCsvRecords,
  type ColumnProfile,
  type FairnessErrorCode,
} from '@ethixai/fairness';

/**
 * Checks an uploaded CSV while it streams, chunk by chunk, with the engine's own scanner (the one
 * that reads it when an analysis runs), so an upload is refused for exactly what an analysis
 * would later refuse: empty input, ragged rows, invalid UTF-8, a broken quote, each with its
 * 1-based line. No column is materialised here: each is profiled (its type and up to 200 distinct
 * values with their counts, for the UI's pickers) in memory bounded by the column count; the
 * header and the first rows are read from the start of the stream for the preview.
 */
export type CsvProblem = 'empty' | 'ragged' | 'encoding' | 'unterminated_quote' | 'malformed_quote';

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
  readonly profile: ColumnProfile[];
}

const PROBLEMS: Partial<Record<FairnessErrorCode, CsvProblem>> = {
  FAIR_ERR_EMPTY_INPUT: 'empty',
  FAIR_ERR_CSV_RAGGED_ROW: 'ragged',
  FAIR_ERR_CSV_ENCODING: 'encoding',
  FAIR_ERR_CSV_UNTERMINATED_QUOTE: 'unterminated_quote',
  FAIR_ERR_CSV_MALFORMED_QUOTE: 'malformed_quote',
};

function structureError(error: unknown): unknown {
  const problem = error instanceof FairnessError ? PROBLEMS[error.code] : undefined;
  if (problem === undefined) return error;
  const line = (error as FairnessError).details.line;
  return new CsvStructureError(problem, typeof line === 'number' ? line : 1, (error as FairnessError).message);
}

/** The preview reads at most this much of the start of a file (20 rows fit unless rows are huge). */
const PREVIEW_BYTES = 1024 * 1024;

export class CsvInspector {
  private readonly scanner = new CsvProfiler();
  private readonly head: Uint8Array[] = [];
  private headBytes = 0;
  private totalBytes = 0;
  private readonly previewRows: number;

  constructor(previewRows: number) {
    this.previewRows = previewRows;
  }

  push(chunk: Uint8Array): void {
    try {
      this.scanner.push(chunk);
    } catch (error) {
      throw structureError(error);
    }
    this.totalBytes += chunk.length;
    if (this.headBytes < PREVIEW_BYTES) {
      // Copied: the caller may reuse its chunk buffers.
      const kept = chunk.slice(0, PREVIEW_BYTES - this.headBytes);
      this.head.push(kept);
      this.headBytes += kept.length;
    }
  }

  /** Call once the stream has ended. */
  finish(): CsvInspection {
    let profile;
    try {
      profile = this.scanner.finish();
    } catch (error) {
      throw structureError(error);
    }
    const whole = this.headBytes === this.totalBytes;
    const [, ...preview] = readCsvRecords(Buffer.concat(this.head), { maxRecords: this.previewRows + 1, final: whole });
    return { header: profile.header, rowCount: profile.rowCount, preview, profile: profile.columns };
  }
}

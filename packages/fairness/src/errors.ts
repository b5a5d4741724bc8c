/**
 * The engine's error catalogue. "Cannot compute" is a value (null + reason), never an error:
 * these are only for input the engine cannot audit at all. Each code carries the HTTP status a
 * service should answer with, so an ai-core 4xx keeps its meaning all the way to the client.
 *
 * Append new codes to the catalogue below (one line each); never reuse or rename a code.
 */
export const FAIRNESS_ERRORS = {
  FAIR_ERR_INVALID_CONFIG: { status: 400, title: 'The audit configuration is invalid' },
  FAIR_ERR_COLUMN_NOT_FOUND: { status: 400, title: 'A column named in the configuration is not in the data' },
  FAIR_ERR_DUPLICATE_COLUMN: { status: 400, title: 'A column asked for appears more than once in the header' },
  FAIR_ERR_NOT_BINARY: {
    status: 400,
    title: 'A label or prediction column has more than two values and no positive value was given',
  },
  FAIR_ERR_NOT_NUMERIC: { status: 400, title: 'A column that must be numeric holds a non-numeric value' },
  FAIR_ERR_EMPTY_INPUT: { status: 400, title: 'The input has no data rows' },
  FAIR_ERR_MISSING_SENSITIVE: {
    status: 400,
    title: 'A sensitive value is missing and the missing-value policy is error',
  },
  FAIR_ERR_CSV_RAGGED_ROW: { status: 400, title: 'A CSV row has a different number of fields than the header' },
  FAIR_ERR_CSV_ENCODING: { status: 400, title: 'The CSV is not valid UTF-8' },
  FAIR_ERR_CSV_UNTERMINATED_QUOTE: { status: 400, title: 'A quoted CSV field is never closed' },
  FAIR_ERR_LIMIT_EXCEEDED: { status: 413, title: 'The input exceeds a configured limit (rows, columns or bytes)' },
  FAIR_ERR_CSV_MALFORMED_QUOTE: {
    status: 400,
    title: 'A closing quote in a CSV field is followed by data instead of a delimiter or line end',
  },
  FAIR_ERR_POSITIVE_NOT_FOUND: {
    status: 400,
    title: 'A value given as positive for the label or the prediction does not occur in its column',
  },
} as const satisfies Record<string, { status: number; title: string }>;

export type FairnessErrorCode = keyof typeof FAIRNESS_ERRORS;

export class FairnessError extends Error {
  readonly code: FairnessErrorCode;
  readonly statusCode: number;
  /** Machine-readable pointers: the column, the 1-based line, the offending value. */
  readonly details: Readonly<Record<string, string | number>>;

  constructor(code: FairnessErrorCode, message: string, details: Record<string, string | number> = {}) {
    super(message);
    this.name = 'FairnessError';
    this.code = code;
    this.statusCode = FAIRNESS_ERRORS[code].status;
    this.details = details;
  }
}

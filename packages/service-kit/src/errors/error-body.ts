import { STATUS_CODES } from 'node:http';
import type { ErrorDetails } from './service-error.ts';

/** The body of every error answer (schema: ErrorBodySchema in @ethixai/contracts). */
export interface ErrorBody {
  statusCode: number;
  code: string;
  /** The HTTP reason phrase of statusCode. */
  error: string;
  message: string;
  /** Present only when there is something to point at (ai-core: the field, the limit). */
  details?: ErrorDetails;
}

export function errorBody(statusCode: number, code: string, message: string, details?: ErrorDetails): ErrorBody {
  const body: ErrorBody = { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message };
  if (details !== undefined && Object.keys(details).length > 0) body.details = details;
  return body;
}

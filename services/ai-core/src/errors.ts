import { defineErrors, type ServiceError } from '@ethixai/service-kit';

/**
 * ai-core's error catalogue. Every error the service answers with is one of these codes, an engine
 * FAIR_ERR_* code or a counts document's PUSH_ERR_* code passed through unchanged (see
 * plugins/error-handler.ts), so a client
 * (and the backend in front of us) can branch on `code` without parsing messages.
 *
 * Append new codes below (one line each); never reuse or rename a code.
 */
export const AI_CORE_ERRORS = {
  AIC_ERR_UNAUTHORIZED: { status: 401, title: 'The service token is missing or wrong' },
  AIC_ERR_METRICS_UNAUTHORIZED: { status: 401, title: 'The scrape credential for /metrics is missing or wrong' },
  AIC_ERR_VALIDATION: { status: 400, title: 'A request field is missing or has the wrong type' },
  AIC_ERR_MALFORMED_JSON: { status: 400, title: 'The body is not valid JSON' },
  AIC_ERR_BAD_REQUEST: { status: 400, title: 'The request cannot be read' },
  AIC_ERR_NOT_FOUND: { status: 404, title: 'No such route' },
  AIC_ERR_PAYLOAD_TOO_LARGE: { status: 413, title: 'The body exceeds the byte limit' },
  AIC_ERR_TOO_MANY_ROWS: { status: 413, title: 'The data has more rows than the row limit' },
  AIC_ERR_TOO_MANY_COLUMNS: { status: 413, title: 'The data has more columns than the column limit' },
  AIC_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The body is neither application/json nor text/csv' },
  AIC_ERR_INTERNAL: { status: 500, title: 'Unexpected failure inside ai-core' },
  AIC_ERR_REQUEST_TIMEOUT: { status: 408, title: 'The request headers or body did not arrive in time' },
  AIC_ERR_URI_TOO_LONG: { status: 414, title: 'A path parameter is longer than the router accepts' },
  AIC_ERR_HEADERS_TOO_LARGE: { status: 431, title: 'The request line and headers exceed the size limit' },
} as const satisfies Record<string, { status: number; title: string }>;

export type AiCoreErrorCode = keyof typeof AI_CORE_ERRORS;
export type AiCoreError = ServiceError<AiCoreErrorCode>;

/** `aiCoreError('AIC_ERR_TOO_MANY_ROWS', message, { details: { limit: 'maxRows', max } })`; `.is(err)` narrows. */
export const aiCoreError = defineErrors(AI_CORE_ERRORS);

/** Shorthand for the most common client error: one field, what is wrong with it. */
export function validationError(field: string, problem: string): AiCoreError {
  return aiCoreError('AIC_ERR_VALIDATION', `${field}: ${problem}`, { details: { field } });
}

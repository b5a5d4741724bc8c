import {
  createErrorHandler,
  toErrorReply,
  type ErrorHandlerOptions,
  type ErrorReply,
  type FrameworkErrorCodes,
} from '@ethixai/service-kit';
import { httpError, type BackendErrorCode } from '../errors.ts';
import { isDatabaseUnavailable, isStorageFull } from '../db/unavailable.ts';

export const CODES = {
  validation: 'BE_ERR_VALIDATION',
  malformedJson: 'BE_ERR_MALFORMED_JSON',
  badRequest: 'BE_ERR_BAD_REQUEST',
  notFound: 'BE_ERR_NOT_FOUND',
  bodyTooLarge: 'BE_ERR_BODY_TOO_LARGE',
  unsupportedMediaType: 'BE_ERR_UNSUPPORTED_MEDIA_TYPE',
  requestTimeout: 'BE_ERR_REQUEST_TIMEOUT',
  uriTooLong: 'BE_ERR_URI_TOO_LONG',
  headersTooLarge: 'BE_ERR_HEADERS_TOO_LARGE',
  internal: 'BE_ERR_INTERNAL',
} as const satisfies FrameworkErrorCodes & Record<string, BackendErrorCode>;

/**
 * The kit's error handler with the backend's codes: catalogue errors keep their code, framework
 * errors get a BE_ERR_ code, 5xx details are logged and never sent. The backend's own case: a
 * database that does not answer is 503 with Retry-After, not a 500.
 */
const OPTIONS: ErrorHandlerOptions = {
  codes: CODES,
  translate: (err) => {
    if (isDatabaseUnavailable(err))
      return httpError('BE_ERR_NOT_READY', 'The database is unavailable; retry shortly', {
        headers: { 'retry-after': '5' },
      });
    if (isStorageFull(err))
      return httpError('BE_ERR_STORAGE_FULL', 'The database is full; nothing was stored', {
        headers: { 'retry-after': '30' },
      });
    return undefined;
  },
};

export function toErrorBody(err: unknown): ErrorReply {
  return toErrorReply(err, OPTIONS);
}

export default createErrorHandler(OPTIONS);

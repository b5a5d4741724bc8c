import { defineErrors, type ServiceError } from '@ethixai/service-kit';

/**
 * The backend's error catalogue. Each code has one HTTP status; handlers throw `httpError(code, message)`
 * (the kit's ServiceError) and the app error handler (plugins/error-handler.ts) turns it into
 * `{statusCode, code, error, message}`. Append codes here, one line each; never reuse or rename a code.
 */
export const BACKEND_ERRORS = {
  BE_ERR_VALIDATION: { status: 400, title: 'The request does not match the schema' },
  BE_ERR_MALFORMED_JSON: { status: 400, title: 'The body is not valid JSON' },
  BE_ERR_BAD_REQUEST: { status: 400, title: 'The request cannot be processed as sent' },
  BE_ERR_UNAUTHENTICATED: { status: 401, title: 'No credentials were presented' },
  BE_ERR_INVALID_TOKEN: { status: 401, title: 'The access token is invalid' },
  BE_ERR_TOKEN_EXPIRED: { status: 401, title: 'The access token has expired' },
  BE_ERR_INVALID_API_KEY: { status: 401, title: 'The API key is unknown or revoked' },
  BE_ERR_INVALID_CREDENTIALS: { status: 401, title: 'Email or password is wrong' },
  BE_ERR_REFRESH_INVALID: { status: 401, title: 'The refresh token is unknown, expired or revoked' },
  BE_ERR_REFRESH_REUSED: { status: 401, title: 'A rotated refresh token was reused; its session family is revoked' },
  BE_ERR_USER_DEACTIVATED: { status: 401, title: 'The user is deactivated' },
  BE_ERR_METRICS_UNAUTHORIZED: { status: 401, title: 'The scrape credential for /metrics is missing or wrong' },
  BE_ERR_AUTH_THROTTLED: {
    status: 429,
    title: 'Too many failed authentications from this address; retry after the given delay',
  },
  BE_ERR_LOGIN_LOCKED: {
    status: 429,
    title: 'Too many failed logins for this account or address; retry after the given delay',
  },
  BE_ERR_FORBIDDEN: { status: 403, title: 'The principal lacks the role for this action' },
  BE_ERR_ROLE_ABOVE_CREATOR: { status: 403, title: "A role higher than the creator's cannot be granted" },
  BE_ERR_NOT_FOUND: { status: 404, title: 'No such route or resource' },
  BE_ERR_USER_NOT_FOUND: { status: 404, title: 'No such user in this organisation' },
  BE_ERR_API_KEY_NOT_FOUND: { status: 404, title: 'No such API key in this organisation' },
  BE_ERR_EMAIL_TAKEN: { status: 409, title: 'A user with this email already exists' },
  BE_ERR_LAST_ADMIN: { status: 409, title: "The organisation's last active admin cannot be demoted or deactivated" },
  BE_ERR_BODY_TOO_LARGE: { status: 413, title: 'The body exceeds the size limit' },
  BE_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The content type is not supported here' },
  BE_ERR_RATE_LIMITED: { status: 429, title: 'Too many requests; retry after the given delay' },
  BE_ERR_INTERNAL: { status: 500, title: 'Internal server error' },
  BE_ERR_REQUEST_TIMEOUT: { status: 408, title: 'The request headers or body did not arrive in time' },
  BE_ERR_URI_TOO_LONG: { status: 414, title: 'A path parameter is longer than the router accepts' },
  BE_ERR_HEADERS_TOO_LARGE: { status: 431, title: 'The request line and headers exceed the size limit' },
  BE_ERR_NOT_READY: { status: 503, title: 'A dependency this process needs is unavailable' },
  BE_ERR_OVERLOADED: {
    status: 503,
    title:
      'This process is overloaded (event loop delay, memory or event loop utilisation above its limit); retry after the given delay',
  },
  // datasets, analyses, reports, jobs, idempotency (src/{datasets,analyses,reports,jobs,idempotency,ai-core-client})
  BE_ERR_DATASET_NAME_REQUIRED: {
    status: 400,
    title: 'A dataset upload needs a name (query name= or header x-dataset-name)',
  },
  BE_ERR_CSV_EMPTY: { status: 400, title: 'The CSV has no header or no data rows' },
  BE_ERR_CSV_RAGGED_ROW: { status: 400, title: 'A CSV row has a different number of fields than the header' },
  BE_ERR_CSV_ENCODING: { status: 400, title: 'The CSV is not valid UTF-8' },
  BE_ERR_CSV_UNTERMINATED_QUOTE: { status: 400, title: 'A quoted CSV field is never closed' },
  BE_ERR_CSV_MALFORMED_QUOTE: {
    status: 400,
    title: 'A closing quote in a CSV field is followed by data instead of a delimiter or line end',
  },
  BE_ERR_INVALID_CURSOR: { status: 400, title: 'The pagination cursor is not one this API issued' },
  BE_ERR_IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    title: 'The Idempotency-Key header must be 1-255 visible ASCII characters',
  },
  BE_ERR_DATASET_NOT_FOUND: { status: 404, title: 'No such dataset in this organisation' },
  BE_ERR_REPORT_NOT_FOUND: { status: 404, title: 'No such report in this organisation' },
  BE_ERR_JOB_NOT_FOUND: { status: 404, title: 'No such job in this organisation' },
  BE_ERR_JOB_NOT_CANCELLABLE: { status: 409, title: 'The job has already finished' },
  BE_ERR_IDEMPOTENCY_IN_FLIGHT: { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  BE_ERR_DATASET_TOO_LARGE: { status: 413, title: 'The dataset exceeds the upload size limit' },
  BE_ERR_IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'This Idempotency-Key was used with a different request body' },
  BE_ERR_AI_CORE_FAILED: { status: 502, title: 'The analysis service failed' },
  BE_ERR_AI_CORE_BAD_RESPONSE: {
    status: 502,
    title: 'The analysis service answered with something that is not a result',
  },
  BE_ERR_AI_CORE_UNAVAILABLE: {
    status: 503,
    title: 'The analysis service is unreachable; retry after the given delay',
  },
  BE_ERR_AI_CORE_TIMEOUT: { status: 504, title: 'The analysis service did not answer in time' },
  BE_ERR_STORAGE_FULL: {
    status: 503,
    title: 'The database has no room for this write (nothing was stored); retry after the given delay',
  },
  // decision monitoring (src/monitoring)
  BE_ERR_MODEL_NOT_FOUND: { status: 404, title: 'No such monitored model in this organisation' },
  BE_ERR_MODEL_VERSION_NOT_FOUND: { status: 404, title: 'The model has no such registered version' },
  BE_ERR_MODEL_EXISTS: { status: 409, title: 'A model with this name already exists in this organisation' },
  BE_ERR_MODEL_VERSION_EXISTS: { status: 409, title: 'The model already has this version' },
  BE_ERR_POLICY_INVALID: { status: 400, title: 'The monitoring policy is inconsistent' },
  BE_ERR_DECISION_INVALID: { status: 400, title: 'A submitted decision cannot be evaluated as sent' },
  BE_ERR_DECISION_CONFLICT: { status: 409, title: 'This decision id is already stored with different content' },
  BE_ERR_EVALUATION_NOT_FOUND: { status: 404, title: 'No such evaluation in this organisation' },
  BE_ERR_OUTCOME_CONFLICT: { status: 409, title: 'A different outcome is already recorded for this evaluation' },
  BE_ERR_EVALUATE_OVERLOADED: { status: 503, title: 'The evaluation write queue is full; retry after the given delay' },
  BE_ERR_INCIDENT_NOT_FOUND: { status: 404, title: 'No such incident in this organisation' },
  BE_ERR_INCIDENT_RESOLVED: { status: 409, title: 'The incident is already resolved' },
  BE_ERR_WEBHOOK_UNAUTHORIZED: { status: 401, title: 'The webhook bearer token is missing or wrong' },
  BE_ERR_WEBHOOK_DISABLED: { status: 503, title: 'The incidents webhook is not configured (INCIDENTS_ORG_ID)' },
  BE_ERR_WEBHOOK_PAYLOAD: { status: 400, title: 'The Alertmanager payload is invalid' },
  // browser sessions (src/browser-session)
  BE_ERR_CSRF_INVALID: {
    status: 403,
    title: 'The X-CSRF-Token header is missing or does not belong to this browser session',
  },
} as const satisfies Record<string, { status: number; title: string }>;

export type BackendErrorCode = keyof typeof BACKEND_ERRORS;
export type BackendError = ServiceError<BackendErrorCode>;

/**
 * `throw httpError('BE_ERR_FORBIDDEN', 'admin role required')`, with `{ headers, cause }` as needed;
 * `httpError.is(err)` narrows an unknown error to one of this catalogue.
 */
export const httpError = defineErrors(BACKEND_ERRORS);

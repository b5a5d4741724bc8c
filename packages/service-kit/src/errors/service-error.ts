/** A service's error catalogue: each stable code with its one HTTP status and a short title. */
export type ErrorCatalogue = Readonly<Record<string, { readonly status: number; readonly title: string }>>;

/** Machine-readable pointers sent along with the message (the field, the limit, the line). */
export type ErrorDetails = Readonly<Record<string, string | number>>;

export interface ServiceErrorOptions {
  /** Extra response headers, e.g. Retry-After or Connection: close. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly details?: ErrorDetails;
  readonly cause?: unknown;
}

/**
 * The one error class of the platform's services: a stable code, the HTTP status it answers
 * with, and optionally headers, details and the cause it wraps. The error handler sends it as
 * `{statusCode, code, error, message}`. Services do not subclass it; they build it through
 * `defineErrors(theirCatalogue)`, which ties the code to its status.
 */
export class ServiceError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly details: ErrorDetails;

  constructor(code: Code, statusCode: number, message: string, options: ServiceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ServiceError';
    this.code = code;
    this.statusCode = statusCode;
    this.headers = options.headers ?? {};
    this.details = options.details ?? {};
  }
}

export interface ErrorFactory<Code extends string> {
  /** `error('BE_ERR_FORBIDDEN', 'admin role required')`; the message defaults to the code's title. */
  (code: Code, message?: string, options?: ServiceErrorOptions): ServiceError<Code>;
  /** Narrows to an error of this catalogue (a ServiceError whose code it lists). */
  is(error: unknown): error is ServiceError<Code>;
}

/** The typed constructor and guard for one catalogue. */
export function defineErrors<C extends ErrorCatalogue>(catalogue: C): ErrorFactory<keyof C & string> {
  type Code = keyof C & string;
  const create = (code: Code, message?: string, options?: ServiceErrorOptions): ServiceError<Code> =>
    new ServiceError(code, catalogue[code].status, message ?? catalogue[code].title, options);
  const is = (error: unknown): error is ServiceError<Code> =>
    error instanceof ServiceError && Object.hasOwn(catalogue, error.code);
  return Object.assign(create, { is });
}

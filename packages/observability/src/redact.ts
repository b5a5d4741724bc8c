// Redaction of secrets and uploaded decision data from log objects. Replaces pino's `redact`
// option, whose path matcher cost ~18 % of server CPU per request in the overhead bench (the
// wildcard paths needed to catch `body.user.password` are its slow case). This walks plain objects
// a few levels deep, compares keys against a set, and copies only an object that needs a change,
// so the usual flat completion line costs a handful of lookups.

export const REDACTED = '[REDACTED]';

/** Keys whose values never reach a log line, at any depth up to MAX_DEPTH (compared lower-cased). */
export const REDACTED_KEYS: readonly string[] = [
  // secrets and credentials
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-service-token',
  'password', 'newpassword', 'currentpassword', 'passwordhash', 'token', 'accesstoken', 'refreshtoken',
  'idtoken', 'apikey', 'secret', 'clientsecret', 'privatekey',
  // uploaded decision data: rows of real people (DESIGN §6, §8)
  'rows', 'data', 'columns', 'records', 'features', 'protectedattributes',
];

const KEYS = new Set(REDACTED_KEYS);
const MAX_DEPTH = 4;

/**
 * Returns `value` itself when nothing needs redacting, else a copy with the sensitive values
 * replaced. Arrays and class instances (errors, buffers) are not entered: arrays of rows are
 * large and are caught by their key (`rows`, `data`), and errors go through pino's serializer.
 */
export function redactSecrets<T extends object>(value: T, depth = 0): T {
  let copy: Record<string, unknown> | undefined;
  const source = value as Record<string, unknown>;
  for (const key in source) {
    const field = source[key];
    if (KEYS.has(key.toLowerCase())) {
      if (field === undefined) continue;
      copy ??= { ...source };
      copy[key] = REDACTED;
    } else if (depth < MAX_DEPTH && isPlainObject(field)) {
      const cleaned = redactSecrets(field, depth + 1);
      if (cleaned !== field) {
        copy ??= { ...source };
        copy[key] = cleaned;
      }
    }
  }
  return (copy ?? value) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

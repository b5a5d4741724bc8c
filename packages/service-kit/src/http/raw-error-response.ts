import { STATUS_CODES } from 'node:http';
import { errorBody } from '../errors/error-body.ts';

/**
 * A complete HTTP/1.1 error response as bytes, for the answers written straight to a socket (a
 * client error Node's parser raised): the error body, the security headers, and
 * `Connection: close`, since the request's framing can no longer be trusted.
 */
export function rawErrorResponse(
  status: number,
  code: string,
  message: string,
  securityHeaders: Readonly<Record<string, string>>,
): string {
  const body = JSON.stringify(errorBody(status, code, message));
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    ...Object.entries(securityHeaders).map(([name, value]) => `${name}: ${value}`),
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

import type { FastifyReply, FastifyRequest, onSendAsyncHookHandler } from 'fastify';
import { errorBody } from '../errors/error-body.ts';
import { codeForStatus, type FrameworkErrorCodes } from '../errors/error-handler-plugin.ts';

const CODE = /^[A-Z]+_ERR_[A-Z0-9_]+$/;
const MAX_MESSAGE_CHARS = 200;

function text(payload: unknown): string | null {
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return null;
}

/** Already the documented body for this status? */
function isErrorBody(raw: string, status: number): boolean {
  try {
    const body = JSON.parse(raw) as { statusCode?: unknown; code?: unknown; message?: unknown };
    return (
      body.statusCode === status &&
      typeof body.code === 'string' &&
      CODE.test(body.code) &&
      typeof body.message === 'string'
    );
  } catch {
    return false;
  }
}

/** What the producer said, as a message: a JSON body's `message`, or its plain text. */
function messageOf(raw: string | null, status: number): string {
  let message = raw ?? '';
  try {
    const parsed = JSON.parse(message) as { message?: unknown };
    if (typeof parsed?.message === 'string') message = parsed.message;
  } catch {
    /* plain text */
  }
  message = message.trim();
  return message === '' ? `The request failed with status ${status}` : message.slice(0, MAX_MESSAGE_CHARS);
}

/**
 * The last word on error bodies: an answer of 400 or more that a plugin sent in its own shape
 * (a CORS preflight refused as text/plain, an empty 4xx) is rewritten into the documented
 * `{statusCode, code, error, message}` before it leaves. The service's own answers pass untouched.
 * Streams are left alone: an error is never streamed.
 */
export function errorBodyGuard(codes: FrameworkErrorCodes): onSendAsyncHookHandler<unknown> {
  return async function guardErrorBody(_request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const status = reply.statusCode;
    if (status < 400) return payload;
    const raw = text(payload);
    if (raw === null && payload !== null && payload !== undefined) return payload;
    if (raw !== null && isErrorBody(raw, status)) return payload;
    reply.header('content-type', 'application/json; charset=utf-8');
    reply.removeHeader('content-length');
    return JSON.stringify(errorBody(status, codeForStatus(status, codes), messageOf(raw, status)));
  };
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HEADER_REQUEST_ID } from './names.ts';

// A client's id is kept only when it is short and plain: it ends up in logs, span attributes
// and a response header, so anything that could forge log lines or headers is replaced.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify `genReqId`: the caller's `x-request-id` when sane, else a fresh UUID. */
export function genRequestId(req: IncomingMessage): string {
  const header = req.headers[HEADER_REQUEST_ID];
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate !== undefined && SANE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
}

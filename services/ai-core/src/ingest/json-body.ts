/**
 * The application/json body of POST /v1/analyze: `{ config, data }` (rows) or `{ config, counts }`
 * (per-group counts from the counting query). Parsed here (not by Fastify) so the parse is timed as
 * part of the ingest stage and a syntax error becomes our AIC_ERR_MALFORMED_JSON with the parser's
 * position.
 */
import { aiCoreError, validationError } from '../errors.ts';

export type AnalyzeJsonBody =
  | { readonly config: unknown; readonly data: unknown; readonly counts?: undefined }
  | { readonly config: unknown; readonly counts: unknown; readonly data?: undefined };

export function parseAnalyzeJson(text: string): AnalyzeJsonBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw aiCoreError('AIC_ERR_MALFORMED_JSON', `The body is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw validationError('body', 'must be an object { config, data } or { config, counts }');
  }
  const body = parsed as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (key !== 'config' && key !== 'data' && key !== 'counts')
      throw validationError(`body.${key}`, 'is not a known field (expected config, and data or counts)');
  }
  if (body.config === undefined) throw validationError('config', 'is required');
  if (body.counts !== undefined) {
    if (body.data !== undefined) throw validationError('body', 'has both data and counts; send one');
    return { config: body.config, counts: body.counts };
  }
  if (body.data === undefined) throw validationError('data', 'is required (or counts, for per-group counts)');
  return { config: body.config, data: body.data };
}

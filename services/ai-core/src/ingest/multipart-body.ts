/**
 * A multipart/form-data analysis body: a `config` field (the AuditConfig as JSON) followed by a
 * `data` file (the CSV), read with @fastify/multipart. The file is returned as the stream it is,
 * unread; the scanner consumes it. Whatever is wrong with the form becomes a 400 or 413 naming the
 * part, never a 500: busboy reports a broken form as plain errors without a status.
 */
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { aiCoreError, validationError } from '../errors.ts';

export interface MultipartAnalysis {
  readonly config: unknown;
  readonly csv: Readable;
}

interface FieldPart {
  type: 'field';
  value: unknown;
  valueTruncated: boolean;
}

const FORM_LIMIT_CODES = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

function formError(error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_INVALID_JSON_FIELD_ERROR')
    return aiCoreError('AIC_ERR_MALFORMED_JSON', 'The config field is not valid JSON', {
      details: { field: 'config' },
    });
  if (typeof code === 'string' && FORM_LIMIT_CODES.has(code))
    return validationError('body', 'a multipart body has exactly two parts: a config field, then a data file');
  const message = error instanceof Error ? error.message : String(error);
  return aiCoreError('AIC_ERR_BAD_REQUEST', `The multipart body cannot be read: ${message.slice(0, 200)}`);
}

function configOf(fields: Record<string, unknown>): unknown {
  const field = fields.config as FieldPart | FieldPart[] | undefined;
  if (field === undefined || Array.isArray(field) || field.type !== 'field') {
    throw validationError('config', 'a multipart body needs one config field before the data file');
  }
  if (field.valueTruncated) throw validationError('config', 'is larger than the config field limit');
  if (typeof field.value !== 'string') return field.value;
  try {
    return JSON.parse(field.value);
  } catch (error) {
    throw aiCoreError('AIC_ERR_MALFORMED_JSON', `The config field is not valid JSON: ${(error as Error).message}`, {
      details: { field: 'config' },
    });
  }
}

export async function readMultipartAnalysis(request: FastifyRequest): Promise<MultipartAnalysis> {
  let part;
  try {
    part = await request.file();
  } catch (error) {
    throw formError(error);
  }
  if (part === undefined) throw validationError('data', 'a multipart body needs a data file (the CSV)');
  if (part.fieldname !== 'data') throw validationError(part.fieldname.slice(0, 16), 'the file part must be named data');
  const config = configOf(part.fields as Record<string, unknown>);
  part.file.on('error', () => {
    /* reported to the scanner's reader through 'close' */
  });
  return { config, csv: part.file };
}

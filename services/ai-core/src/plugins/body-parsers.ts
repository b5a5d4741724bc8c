/**
 * Body parsers of the analyze scope. Three media types exist here: application/json is buffered
 * by Fastify up to the JSON byte limit and handed over as text (parsed inside the timed ingest
 * stage); text/csv is not read here: the raw request stream goes to the handler, which feeds it
 * chunk by chunk into the engine's CSV scanner; multipart/form-data (@fastify/multipart) carries
 * the configuration as a `config` field and the CSV as a `data` file, streamed the same way (the
 * backend's form: the options travel in the body, never in the URL). Every other type is a 415.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { AnalysisLimits } from '../config/env.ts';

/** Largest `config` field of a multipart body (an AuditConfig is a few hundred bytes). */
export const MAX_CONFIG_FIELD_BYTES = 64 * 1024;

export async function registerBodyParsers(scope: FastifyInstance, limits: AnalysisLimits): Promise<void> {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: limits.maxJsonBytes },
    (_request, body, done) => done(null, body),
  );
  scope.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
  await scope.register(multipart, {
    // One config field, then one data file; the CSV byte limit is the scanner's (one byte more
    // reaches it, so an oversized file is its 413, not a silently truncated upload).
    limits: {
      fields: 1,
      fieldSize: MAX_CONFIG_FIELD_BYTES,
      fieldNameSize: 16,
      files: 1,
      parts: 2,
      headerPairs: 16,
      fileSize: limits.maxCsvBytes + 1,
    },
  });
}

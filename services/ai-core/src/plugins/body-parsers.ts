/**
 * Body parsers of the analyze scope. Only two media types exist here: application/json is
 * buffered by Fastify up to the JSON byte limit and handed over as text (parsed inside the timed
 * ingest stage); text/csv is not read at all here: the raw request stream goes to the handler,
 * which feeds it chunk by chunk into the engine's CSV scanner. Every other type is a 415.
 */
import type { FastifyInstance } from 'fastify';
import type { AnalysisLimits } from '../config/env.ts';

export function registerBodyParsers(scope: FastifyInstance, limits: AnalysisLimits): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: limits.maxJsonBytes },
    (_request, body, done) => done(null, body));
  scope.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
}

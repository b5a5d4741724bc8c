/**
 * POST /v1/analyze: the engine's full audit of a JSON body ({config, data}) or of a streamed
 * text/csv body configured by the query string (see analysis/query-config.ts). The result is
 * serialised once by the analysis and sent as the string it already is, with its summary in
 * x-ethixai-* headers (see @ethixai/contracts SUMMARY_HEADERS).
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AnalyzeCsvQuerySchema } from '@ethixai/contracts';
import { analyseCsv, analyseJson, type AnalysisContext, type AnalysisOutput } from '../analysis/analyze.ts';
import type { RawQuery } from '../analysis/query-config.ts';
import { validationError } from '../errors.ts';

export const ANALYZE_ROUTE = '/v1/analyze';

function send(reply: FastifyReply, output: AnalysisOutput): FastifyReply {
  return reply
    .headers(output.headers)
    .header('content-type', 'application/json; charset=utf-8')
    .header('server-timing', output.clock.serverTiming())
    .send(output.body);
}

export function analyzeRoutes(context: AnalysisContext) {
  return async function routes(fastify: FastifyInstance): Promise<void> {
    fastify.post(ANALYZE_ROUTE, { schema: { querystring: AnalyzeCsvQuerySchema } }, async (request, reply) => {
      const query = request.query as RawQuery;
      if (typeof request.body === 'string') {
        if (Object.keys(query).length > 0) throw validationError('query', 'query parameters configure text/csv bodies only; put the configuration in the JSON body');
        return send(reply, analyseJson(request.body, context));
      }
      if (request.body === undefined || request.body === null) throw validationError('body', 'is required (application/json or text/csv)');
      const declaredBytes = Number(request.headers['content-length'] ?? 0) || 0;
      return send(reply, await analyseCsv(request.body as Readable, query, declaredBytes, context));
    });
  };
}

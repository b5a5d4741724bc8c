/**
 * POST /v1/analyze: the engine's full audit of a JSON body ({config, data}), of per-group counts
 * ({config, counts}: the report the rows would give), of a multipart form
 * (a `config` field, then the CSV as a streamed `data` file: the backend's form, so options never
 * travel in the URL) or of a streamed text/csv body configured by the query string (see
 * analysis/query-config.ts). The result is
 * serialised once by the analysis and sent as the string it already is, with its summary in
 * x-ethixai-* headers (see @ethixai/contracts SUMMARY_HEADERS).
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifySchemaCompiler } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  AnalyzeCsvQuerySchema,
  analyzeFormSchema,
  AnalyzeJsonBodySchema,
  AnalyzeResponseSchema,
  MAX_BYTES_KEYWORD,
  streamedBody,
} from '@ethixai/contracts';
import { analyseCsv, analyseJson, type AnalysisContext, type AnalysisOutput } from '../analysis/analyze.ts';
import { configFromQuery, type RawQuery } from '../analysis/query-config.ts';
import { readMultipartAnalysis } from '../ingest/multipart-body.ts';
import { MAX_CONFIG_FIELD_BYTES } from '../plugins/body-parsers.ts';
import { validationError } from '../errors.ts';

export const ANALYZE_ROUTE = '/v1/analyze';

const ErrorRef = Type.Ref('ErrorBody');

/**
 * The schemas of this route document the request; they are not checked by Fastify. The body is
 * read inside the timed ingest stage (json-body.ts, json-table.ts, the CSV scanner, the engine's
 * validateAuditConfig), which names the offending field, row or line with the codes clients branch
 * on; a query string is always strings. test/routes/analyze-schema.test.ts keeps the documented
 * schema and that reading in agreement.
 */
const readInIngest: FastifySchemaCompiler<unknown> = () => () => true;

function send(reply: FastifyReply, output: AnalysisOutput): FastifyReply {
  return reply
    .headers(output.headers)
    .header('content-type', 'application/json; charset=utf-8')
    .header('server-timing', output.clock.serverTiming())
    .send(output.body);
}

export function analyzeRoutes(context: AnalysisContext) {
  const { limits } = context;
  const csv = streamedBody(
    'text/csv',
    limits.maxCsvBytes,
    'RFC 4180 CSV in UTF-8 with a header row, configured by the query string',
  );
  return async function routes(fastify: FastifyInstance): Promise<void> {
    fastify.post(
      ANALYZE_ROUTE,
      {
        validatorCompiler: readInIngest,
        schema: {
          tags: ['analysis'],
          summary:
            'Audit a JSON body ({config, data} rows or {config, counts} per-group counts), a multipart form (config field, data CSV file) or a CSV body configured by the query string',
          querystring: AnalyzeCsvQuerySchema,
          body: {
            content: {
              'application/json': { schema: { ...AnalyzeJsonBodySchema, [MAX_BYTES_KEYWORD]: limits.maxJsonBytes } },
              ...csv.content,
              'multipart/form-data': { schema: analyzeFormSchema(limits.maxCsvBytes, MAX_CONFIG_FIELD_BYTES) },
            },
          },
          response: {
            200: AnalyzeResponseSchema,
            400: ErrorRef,
            401: ErrorRef,
            413: ErrorRef,
            415: ErrorRef,
            500: ErrorRef,
          },
        },
      },
      async (request, reply) => {
        const query = request.query as RawQuery;
        if (request.isMultipart()) {
          if (Object.keys(query).length > 0)
            throw validationError('query', 'a multipart body carries its configuration in its config field');
          const { config, csv } = await readMultipartAnalysis(request);
          return send(reply, await analyseCsv(csv, config, 0, context));
        }
        if (typeof request.body === 'string') {
          if (Object.keys(query).length > 0)
            throw validationError(
              'query',
              'query parameters configure text/csv bodies only; put the configuration in the JSON body',
            );
          return send(reply, analyseJson(request.body, context));
        }
        if (request.body === undefined || request.body === null)
          throw validationError('body', 'is required (application/json or text/csv)');
        const declaredBytes = Number(request.headers['content-length'] ?? 0) || 0;
        return send(reply, await analyseCsv(request.body as Readable, configFromQuery(query), declaredBytes, context));
      },
    );
  };
}

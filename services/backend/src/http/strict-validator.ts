import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifySchemaCompiler } from 'fastify';
import { MAX_BYTES_KEYWORD } from '@ethixai/contracts';

const compile = AjvCompiler()({}, {
  customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: true, allErrors: false, allowUnionTypes: true, keywords: [MAX_BYTES_KEYWORD] },
});

/**
 * The validator compiler of a route that forwards the bytes it received (POST /v1/analyses sends
 * inline data to ai-core as sent): what passes must be exactly what is forwarded, so nothing is
 * coerced. The app's compiler coerces ("g" becomes ["g"]), which suits query strings and the
 * routes that use the parsed body.
 */
export const strictValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, method, url, httpPart }) =>
  compile({ schema: schema as object, method, url, httpPart }) as ReturnType<FastifySchemaCompiler<unknown>>;

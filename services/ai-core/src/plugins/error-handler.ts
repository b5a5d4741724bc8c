/**
 * ai-core's error answers: the kit's handler with ai-core's codes. Engine errors keep their
 * FAIR_ERR_* (counts documents: PUSH_ERR_*) code, status and details, so the backend can pass them
 * through unchanged; the two framework errors whose answer should name ai-core's own limits get
 * ai-core's wording. Anything unexpected is a generic 500 whose message never leaks internals;
 * the real error goes to the log.
 */
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import {
  createErrorHandler,
  ServiceError,
  type ErrorHandlerOptions,
  type FrameworkErrorCodes,
} from '@ethixai/service-kit';
import type { AnalysisLimits } from '../config/env.ts';
import { aiCoreError, type AiCoreErrorCode } from '../errors.ts';

export const CODES = {
  validation: 'AIC_ERR_VALIDATION',
  malformedJson: 'AIC_ERR_MALFORMED_JSON',
  badRequest: 'AIC_ERR_BAD_REQUEST',
  notFound: 'AIC_ERR_NOT_FOUND',
  bodyTooLarge: 'AIC_ERR_PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'AIC_ERR_UNSUPPORTED_MEDIA_TYPE',
  requestTimeout: 'AIC_ERR_REQUEST_TIMEOUT',
  uriTooLong: 'AIC_ERR_URI_TOO_LONG',
  headersTooLarge: 'AIC_ERR_HEADERS_TOO_LARGE',
  internal: 'AIC_ERR_INTERNAL',
} as const satisfies FrameworkErrorCodes & Record<string, AiCoreErrorCode>;

interface EngineError {
  code: string;
  statusCode: number;
  message: string;
  details?: Record<string, string | number>;
}

/** The engine's FairnessError or a counts document's PushdownError, matched by shape (no engine import). */
function isEngineError(err: unknown): err is EngineError {
  const candidate = err as Partial<EngineError> | null;
  return (
    err instanceof Error &&
    typeof candidate?.code === 'string' &&
    /^(FAIR|PUSH)_ERR_/.test(candidate.code) &&
    typeof candidate.statusCode === 'number' &&
    candidate.statusCode < 500
  );
}

export function errorHandlerOptions(limits: AnalysisLimits): ErrorHandlerOptions {
  return {
    codes: CODES,
    translate(err: FastifyError): ServiceError | undefined {
      if (isEngineError(err)) return new ServiceError(err.code, err.statusCode, err.message, { details: err.details });
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return aiCoreError(
          'AIC_ERR_UNSUPPORTED_MEDIA_TYPE',
          'Content-Type must be application/json, text/csv or multipart/form-data',
        );
      }
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        // Fastify buffers JSON bodies only; CSV byte limits are enforced by our own streaming reader.
        return aiCoreError(
          'AIC_ERR_PAYLOAD_TOO_LARGE',
          `The JSON body exceeds the limit (AI_CORE_MAX_JSON_BYTES) of ${limits.maxJsonBytes} bytes`,
          { details: { limit: 'maxJsonBytes', max: limits.maxJsonBytes } },
        );
      }
      return undefined;
    },
  };
}

export function errorHandler(limits: AnalysisLimits): FastifyPluginAsync {
  return createErrorHandler(errorHandlerOptions(limits));
}

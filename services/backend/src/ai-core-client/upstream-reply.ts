import { httpError } from '../errors.ts';
import { AiCoreClientError } from './ai-core-failures.ts';

/** ai-core statuses that describe the client's input; anything else (401, 404, 415...) is ours. */
const PASSED_THROUGH = new Set([400, 409, 413, 422]);

/**
 * Converts an ai-core 4xx into the backend's answer: the client's mistakes keep ai-core's status
 * and body (so FAIR_ERR_COLUMN_NOT_FOUND arrives as a 400 with that code); a 4xx caused by the
 * backend's own request (a wrong service token, a missing route) is a 502, never a 4xx or a 500.
 */
export function upstreamErrorResponse(error: AiCoreClientError): { statusCode: number; body: Buffer } {
  const code = error.code;
  if (PASSED_THROUGH.has(error.statusCode) && code !== null) return { statusCode: error.statusCode, body: error.body };
  throw httpError(
    'BE_ERR_AI_CORE_FAILED',
    `the analysis service refused the backend's request (${error.statusCode} ${code ?? 'no code'})`,
    { cause: error },
  );
}

import { Readable } from 'node:stream';
import { BrokenCircuitError, ConsecutiveBreaker, ExponentialBackoff, circuitBreaker, handleWhen, retry, type CircuitState } from 'cockatiel';
import { Pool } from 'undici';
import { summaryFromHeaders, type AnalysisSummary } from '@ethixai/contracts';
import { AiCoreClientError, AiCoreServerError, isConnectRefused, isTransient, toBackendError } from './ai-core-failures.ts';
import { analysisForm } from './multipart-body.ts';

export interface AiCoreClientOptions {
  readonly url: string;
  readonly token: string;
  /** Time to wait for ai-core's response headers and between body chunks. */
  readonly timeoutMs: number;
  readonly connections: number;
  /** Consecutive transient failures that open the circuit. */
  readonly breakerThreshold: number;
  readonly halfOpenAfterMs: number;
  /** Extra attempts after a refused connection (nothing was sent, so a buffered body is safe to resend). */
  readonly connectRetries: number;
}

const PROBE_TIMEOUT_MS = 1_000;

export const AI_CORE_CLIENT_DEFAULTS = {
  timeoutMs: 60_000, connections: 32, breakerThreshold: 5, halfOpenAfterMs: 5_000, connectRetries: 2,
} as const;

/** ai-core's answer: the AuditResult as the bytes it sent, and the summary from its x-ethixai-*
 * headers (null when they are absent or malformed; the caller then reads the body). */
export interface AiCoreResult {
  readonly body: Buffer;
  readonly summary: AnalysisSummary | null;
}

/**
 * The backend's only way to reach ai-core's `POST /v1/analyze`. Bodies travel as bytes both ways:
 * a JSON request is forwarded as received and the AuditResult comes back as the bytes ai-core sent.
 */
export function createAiCoreClient(options: AiCoreClientOptions) {
  const origin = new URL(options.url);
  const pool = new Pool(origin.origin, {
    connections: options.connections,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const breaker = circuitBreaker(handleWhen(isTransient), {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breakerThreshold),
  });
  const connectRetry = retry(handleWhen(isConnectRefused), {
    maxAttempts: options.connectRetries,
    backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }),
  });
  const retryAfterSeconds = Math.max(1, Math.ceil(options.halfOpenAfterMs / 1000));
  const basePath = origin.pathname.replace(/\/$/, '');

  // Each attempt is a CLIENT span with `traceparent` sent (@opentelemetry/instrumentation-undici),
  // a child of the active span, so ai-core's server span joins the caller's trace.
  async function post(path: string, contentType: string, body: Buffer | Readable, signal: AbortSignal | undefined): Promise<AiCoreResult> {
    const response = await pool.request({
      method: 'POST', path: basePath + path, body, signal,
      headers: { 'content-type': contentType, authorization: `Bearer ${options.token}`, accept: 'application/json' },
    });
    const bytes = Buffer.from(await response.body.arrayBuffer());
    if (response.statusCode >= 200 && response.statusCode < 300) return { body: bytes, summary: summaryFromHeaders(response.headers) };
    if (response.statusCode >= 400 && response.statusCode < 500) throw new AiCoreClientError(response.statusCode, bytes);
    throw new AiCoreServerError(response.statusCode, new AiCoreClientError(response.statusCode, bytes).code);
  }

  async function guarded(call: () => Promise<AiCoreResult>, replayable: boolean, signal?: AbortSignal): Promise<AiCoreResult> {
    try {
      // A 4xx is thrown too but is not transient, so it neither opens the circuit nor is retried.
      const once = () => breaker.execute(call, signal);
      return await (replayable ? connectRetry.execute(once, signal) : once());
    } catch (error) {
      if (error instanceof AiCoreClientError) throw error;
      throw toBackendError(error, retryAfterSeconds) ?? error;
    }
  }

  return {
    /** `body` is a JSON `{config, data}` document, forwarded byte for byte. */
    analyzeJson(body: Buffer, signal?: AbortSignal): Promise<AiCoreResult> {
      return guarded(() => post('/v1/analyze', 'application/json', body, signal), true, signal);
    },

    /** Streams a CSV after its configuration, in one multipart body (a stream cannot be replayed, so no connect retries). */
    analyzeCsv(csv: AsyncIterable<Buffer>, configJson: string, signal?: AbortSignal): Promise<AiCoreResult> {
      const form = analysisForm(configJson, csv);
      return guarded(() => post('/v1/analyze', form.contentType, Readable.from(form.body), signal), false, signal);
    },

    /** Is ai-core answering its liveness probe? For /health/dependencies and the dependency gauge;
     *  never for /ready (an ai-core outage must not take the backend out of rotation). */
    async probe(timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
      try {
        const response = await pool.request({ method: 'GET', path: `${basePath}/health`, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
        await response.body.dump();
        return response.statusCode === 200;
      } catch {
        return false;
      }
    },

    get circuitState(): CircuitState {
      return breaker.state;
    },

    close: () => pool.close(),
  };
}

export type AiCoreClient = ReturnType<typeof createAiCoreClient>;
export { AiCoreClientError, BrokenCircuitError };

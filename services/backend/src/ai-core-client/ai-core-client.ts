import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { BrokenCircuitError, CircuitState } from 'cockatiel';
import { summaryFromHeaders, type AnalysisSummary } from '@ethixai/contracts';
import { httpError } from '../errors.ts';
import { AiCoreClientError, AiCoreServerError, isConnectRefused, toBackendError } from './ai-core-failures.ts';
import { AiCoreReplica, ReplicaUnresponsive } from './ai-core-replica.ts';
import { analysisForm } from './multipart-body.ts';

export interface AiCoreClientOptions {
  /** One base URL per ai-core replica (AI_CORE_URLS, or AI_CORE_URL alone). */
  readonly urls: readonly string[];
  readonly token: string;
  /** Time to wait for ai-core's response headers and between body chunks. */
  readonly timeoutMs: number;
  readonly connections: number;
  /** Consecutive transient failures that open a replica's circuit. */
  readonly breakerThreshold: number;
  readonly halfOpenAfterMs: number;
  /** Extra attempts for a replayable call after a refused connection, an unresponsive replica or a 5xx, each on another replica when there is one. */
  readonly connectRetries: number;
  /** Calls in flight per replica beyond which new ones are shed with a 503 (load shedding). */
  readonly maxInFlight: number;
  readonly probeIntervalMs: number;
  readonly probeTimeoutMs: number;
  readonly probeFailures: number;
}

const PROBE_TIMEOUT_MS = 1_000;
/** Full-jitter backoff between attempts: 0..min(cap, base·2^attempt) ms. */
const RETRY_BASE_MS = 50;
const RETRY_CAP_MS = 500;

export const AI_CORE_CLIENT_DEFAULTS = {
  timeoutMs: 60_000,
  connections: 32,
  breakerThreshold: 5,
  halfOpenAfterMs: 5_000,
  connectRetries: 2,
  maxInFlight: 64,
  probeIntervalMs: 1_000,
  probeTimeoutMs: 1_000,
  probeFailures: 2,
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
  if (options.urls.length === 0) throw new Error('ai-core client needs at least one replica URL');
  const replicas = options.urls.map((url) => new AiCoreReplica(url, options));
  const retryAfterSeconds = Math.max(1, Math.ceil(options.halfOpenAfterMs / 1000));
  let next = 0;

  /** The replica to try: answering probes, under its in-flight limit, not tried yet; closed circuits
   *  first, then least busy, round robin among equals. */
  function pick(tried: ReadonlySet<AiCoreReplica>): AiCoreReplica {
    const start = next++ % replicas.length;
    const order = replicas.map((_, i) => replicas[(start + i) % replicas.length] as AiCoreReplica);
    const open = order.filter((r) => r.available && !tried.has(r));
    const free = open
      .filter((r) => r.inFlight < options.maxInFlight)
      .sort((a, b) => a.healthRank - b.healthRank || a.inFlight - b.inFlight);
    if (free[0]) return free[0];
    if (open.length > 0) {
      throw httpError(
        'BE_ERR_AI_CORE_UNAVAILABLE',
        `the analysis service is saturated (${options.maxInFlight} analyses in flight per replica)`,
        { headers: { 'retry-after': '1' } },
      );
    }
    const why = replicas.some((r) => r.responsive) ? 'its circuit is open' : 'it does not answer its liveness probe';
    throw httpError(
      'BE_ERR_AI_CORE_UNAVAILABLE',
      `the analysis service is failing; ${why} (no ai-core replica of ${replicas.length} is available)`,
      { headers: { 'retry-after': String(retryAfterSeconds) } },
    );
  }

  // Each attempt is a CLIENT span with `traceparent` sent (@opentelemetry/instrumentation-undici),
  // a child of the active span, so ai-core's server span joins the caller's trace.
  async function post(
    replica: AiCoreReplica,
    path: string,
    contentType: string,
    body: Buffer | Readable,
    signal: AbortSignal,
  ): Promise<AiCoreResult> {
    const response = await replica.pool.request({
      method: 'POST',
      path: replica.basePath + path,
      body,
      signal,
      headers: { 'content-type': contentType, authorization: `Bearer ${options.token}`, accept: 'application/json' },
    });
    const bytes = Buffer.from(await response.body.arrayBuffer());
    if (response.statusCode >= 200 && response.statusCode < 300)
      return { body: bytes, summary: summaryFromHeaders(response.headers) };
    if (response.statusCode >= 400 && response.statusCode < 500)
      throw new AiCoreClientError(response.statusCode, bytes);
    throw new AiCoreServerError(response.statusCode, new AiCoreClientError(response.statusCode, bytes).code);
  }

  /** Worth another attempt: nothing reached ai-core (any replica, the same one too), or a replica
   *  failed (a 5xx is likely deterministic for this input there, so only on another replica). */
  const retriable = (e: unknown, another: boolean) =>
    isConnectRefused(e) ||
    (another &&
      (e instanceof ReplicaUnresponsive || e instanceof AiCoreServerError || e instanceof BrokenCircuitError));

  async function guarded(
    call: (replica: AiCoreReplica, signal: AbortSignal) => Promise<AiCoreResult>,
    replayable: boolean,
    signal?: AbortSignal,
  ): Promise<AiCoreResult> {
    const tried = new Set<AiCoreReplica>();
    const attempts = replayable ? 1 + options.connectRetries : 1;
    for (let attempt = 0; ; attempt++) {
      try {
        const replica = pick(tried.size < replicas.length ? tried : new Set());
        tried.add(replica);
        // A 4xx is thrown too but is not transient, so it neither opens the circuit nor is retried.
        return await replica.run((s) => call(replica, s), signal);
      } catch (error) {
        if (error instanceof AiCoreClientError || httpError.is(error)) throw error;
        if (attempt + 1 < attempts && retriable(error, tried.size < replicas.length) && !signal?.aborted) {
          await sleep(Math.random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt), undefined, { signal });
          continue;
        }
        if (error instanceof ReplicaUnresponsive) {
          throw httpError('BE_ERR_AI_CORE_UNAVAILABLE', 'the analysis service stopped answering', {
            headers: { 'retry-after': String(retryAfterSeconds) },
            cause: error,
          });
        }
        throw toBackendError(error, retryAfterSeconds) ?? error;
      }
    }
  }

  return {
    /** `body` is a JSON `{config, data}` document, forwarded byte for byte; an analysis is a pure function of it, so it may be retried elsewhere. */
    analyzeJson(body: Buffer, signal?: AbortSignal): Promise<AiCoreResult> {
      return guarded((replica, s) => post(replica, '/v1/analyze', 'application/json', body, s), true, signal);
    },

    /** Streams a CSV after its configuration, in one multipart body (a stream cannot be replayed, so one attempt). */
    analyzeCsv(csv: AsyncIterable<Buffer>, configJson: string, signal?: AbortSignal): Promise<AiCoreResult> {
      const form = analysisForm(configJson, csv);
      return guarded(
        (replica, s) => post(replica, '/v1/analyze', form.contentType, Readable.from(form.body), s),
        false,
        signal,
      );
    },

    /** Does some ai-core replica answer its liveness probe? For /health/dependencies and the dependency gauge;
     *  never for /ready (an ai-core outage must not take the backend out of rotation). */
    async probe(timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
      return (await Promise.all(replicas.map((r) => r.answers(timeoutMs)))).some(Boolean);
    },

    /** The best state among the replicas: closed while one can take calls; an unresponsive replica counts as open. */
    get circuitState(): CircuitState {
      const states = replicas.map((r) => (r.responsive ? r.breaker.state : CircuitState.Open));
      for (const s of [CircuitState.Closed, CircuitState.HalfOpen, CircuitState.Open]) if (states.includes(s)) return s;
      return CircuitState.Isolated;
    },

    close: async () => {
      await Promise.all(replicas.map((r) => r.close()));
    },
  };
}

export type AiCoreClient = ReturnType<typeof createAiCoreClient>;
export { AiCoreClientError, BrokenCircuitError };

import { ConsecutiveBreaker, CircuitState, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { Pool } from 'undici';
import { isTransient } from './ai-core-failures.ts';

/** Thrown into the requests in flight on a replica the liveness prober has just found unresponsive. */
export class ReplicaUnresponsive extends Error {
  constructor(origin: string) {
    super(`ai-core replica ${origin} stopped answering its liveness probe`);
    this.name = 'ReplicaUnresponsive';
  }
}

export interface ReplicaOptions {
  readonly connections: number;
  readonly timeoutMs: number;
  readonly breakerThreshold: number;
  readonly halfOpenAfterMs: number;
  readonly probeIntervalMs: number;
  readonly probeTimeoutMs: number;
  /** Consecutive unanswered probes that mark the replica unresponsive. */
  readonly probeFailures: number;
}

/**
 * One ai-core replica: its connection pool, its circuit breaker, and a liveness prober. The
 * prober exists for the failure no timeout catches quickly: a frozen process (SIGSTOP, a GC
 * stall, a hung host) whose kernel still accepts connections, so every analysis would wait out
 * the whole analysis timeout. Any HTTP answer counts as alive; silence for `probeFailures`
 * probes marks the replica unresponsive and aborts what is in flight on it, so those calls fail
 * over (or answer 503) within about a second or two instead of after AI_CORE_TIMEOUT_MS.
 */
export class AiCoreReplica {
  readonly origin: string;
  readonly basePath: string;
  readonly pool: Pool;
  /** Probes travel on their own connection: a pool busy with long analyses must not look dead. */
  private readonly probes: Pool;
  readonly breaker: CircuitBreakerPolicy;
  inFlight = 0;
  responsive = true;
  private misses = 0;
  private readonly calls = new Set<AbortController>();
  private readonly timer: NodeJS.Timeout;
  private probing = false;
  private readonly options: ReplicaOptions;

  constructor(url: string, options: ReplicaOptions) {
    const u = new URL(url);
    this.origin = u.origin;
    this.basePath = u.pathname.replace(/\/$/, '');
    this.options = options;
    this.pool = new Pool(this.origin, {
      connections: options.connections,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    this.probes = new Pool(this.origin, { connections: 1 });
    this.breaker = circuitBreaker(
      handleWhen((e) => isTransient(e) || e instanceof ReplicaUnresponsive),
      {
        halfOpenAfter: options.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(options.breakerThreshold),
      },
    );
    this.timer = setInterval(() => void this.probeOnce(), options.probeIntervalMs);
    this.timer.unref();
  }

  /** Answering its probes. An open circuit still takes calls: cockatiel refuses them at once,
   *  and moves to half-open only when a call arrives after `halfOpenAfterMs`. */
  get available(): boolean {
    return this.responsive;
  }

  /** Closed circuits first: a replica whose circuit is open or half-open is tried last. */
  get healthRank(): number {
    return this.breaker.state === CircuitState.Closed ? 0 : 1;
  }

  /** Runs `call` with a signal that aborts when the caller's does or this replica stops answering. */
  async run<T>(call: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal): Promise<T> {
    const controller = new AbortController();
    const onOuter = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onOuter, { once: true });
    this.calls.add(controller);
    this.inFlight++;
    try {
      return await this.breaker.execute(() => call(controller.signal), outer);
    } catch (err) {
      // An abort we caused is the replica's failure, not the caller's: name it so.
      if (controller.signal.aborted && controller.signal.reason instanceof ReplicaUnresponsive)
        throw controller.signal.reason;
      throw err;
    } finally {
      this.inFlight--;
      this.calls.delete(controller);
      outer?.removeEventListener('abort', onOuter);
    }
  }

  /** Does the replica answer at all (any status) within `timeoutMs`? */
  async answers(timeoutMs: number): Promise<boolean> {
    try {
      const response = await this.probes.request({
        method: 'GET',
        path: `${this.basePath}/health`,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body.dump();
      return response.statusCode === 200;
    } catch {
      return false;
    }
  }

  private async probeOnce(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      const alive = await this.probes
        .request({
          method: 'GET',
          path: `${this.basePath}/health`,
          signal: AbortSignal.timeout(this.options.probeTimeoutMs),
        })
        .then(
          async (r) => {
            await r.body.dump();
            return true;
          },
          () => false,
        );
      this.misses = alive ? 0 : this.misses + 1;
      if (alive && !this.responsive) {
        this.responsive = true;
        // The circuit opened on the calls the freeze failed; the replica answers again, so its
        // next call should not wait out the half-open delay. Isolating and releasing at once is
        // cockatiel's public way to close a circuit.
        if (this.breaker.state === CircuitState.Open) this.breaker.isolate().dispose();
      } else if (this.misses >= this.options.probeFailures && this.responsive) {
        this.responsive = false;
        const reason = new ReplicaUnresponsive(this.origin);
        for (const c of this.calls) c.abort(reason);
      }
    } finally {
      this.probing = false;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([this.pool.close(), this.probes.close()]);
  }
}

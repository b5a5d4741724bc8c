import type { Kysely } from 'kysely';
import type { Policy } from '@ethixai/contracts';
import type { Database } from '../../db/schema.ts';
import type { LiveWindowView } from '../risk/risk-rules.ts';
import { windowStart } from './buckets.ts';
import { readWindowCounts } from './window-repository.ts';
import { auditWindow, type WindowAudit } from './window-audit.ts';

export interface WindowSnapshot extends WindowAudit {
  from: number;
  to: number;
  computedAt: number;
}

function viewOf(snap: WindowSnapshot): LiveWindowView {
  return {
    groupSize: (groupKey) => snap.sizes.get(groupKey) ?? 0,
    breachesFor: (groupKey) => snap.breaches.get(groupKey) ?? [],
  };
}

/**
 * The live window of each model version, read from the persisted counts (so every replica and
 * restart agrees) and audited by the fairness engine.
 *
 * `view()` serves the risk rule from an in-process cache: a snapshot is reused for `ttlMs`, and
 * concurrent misses share one refresh. Staleness bound: a decision is assessed against counts at
 * most `ttlMs` old, plus whatever is still in the group-commit queue (one commit interval) and,
 * across replicas, the other replicas' queues. `snapshot()` always reads fresh (the API endpoint).
 */
export class LiveWindow {
  readonly #cache = new Map<string, { at: number; value: Promise<LiveWindowView> }>();
  private readonly db: Kysely<Database>;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(db: Kysely<Database>, ttlMs: number, now: () => number = Date.now) {
    this.db = db;
    this.ttlMs = ttlMs;
    this.now = now;
  }

  async snapshot(modelId: string, version: string, policy: Policy): Promise<WindowSnapshot> {
    const to = this.now();
    const from = windowStart(to, policy.window.spanSeconds, policy.window.bucketSeconds);
    const counts = await readWindowCounts(this.db, modelId, version, from);
    return { ...auditWindow(counts, policy), from, to, computedAt: to };
  }

  async view(modelId: string, version: string, policy: Policy): Promise<LiveWindowView> {
    const key = `${modelId}\u0000${version}\u0000${policy.version}`;
    const now = this.now();
    let entry = this.#cache.get(key);
    if (!entry || now - entry.at >= this.ttlMs) {
      // One view object per snapshot, shared by every decision assessed against it.
      entry = { at: now, value: this.snapshot(modelId, version, policy).then(viewOf) };
      this.#cache.set(key, entry);
      // A failed refresh must not stay cached: the next request retries.
      entry.value.catch(() => this.#cache.delete(key));
    }
    return entry.value;
  }

  invalidate(modelId?: string): void {
    if (modelId === undefined) this.#cache.clear();
    else for (const key of this.#cache.keys()) if (key.startsWith(`${modelId}\u0000`)) this.#cache.delete(key);
  }
}

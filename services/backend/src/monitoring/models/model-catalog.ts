import type { ModelRecord, ModelsRepository } from './models-repository.ts';

/**
 * Models and their current policy for the evaluate hot path, cached for `ttlMs` per process.
 * A policy or version change made here invalidates at once; one made on another replica is seen
 * within `ttlMs` (evaluations record the policy version they were actually assessed under).
 */
export class ModelCatalog {
  readonly #cache = new Map<string, { at: number; value: Promise<ModelRecord | undefined> }>();

  constructor(
    private readonly models: ModelsRepository,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(orgId: string, modelId: string): Promise<ModelRecord | undefined> {
    const key = `${orgId}\u0000${modelId}`;
    const now = this.now();
    let entry = this.#cache.get(key);
    if (!entry || now - entry.at >= this.ttlMs) {
      entry = { at: now, value: this.models.load(orgId, modelId) };
      this.#cache.set(key, entry);
      entry.value.catch(() => this.#cache.delete(key));
      if (this.#cache.size > 10_000) this.#cache.delete(this.#cache.keys().next().value!);
    }
    return entry.value;
  }

  invalidate(orgId: string, modelId: string): void {
    this.#cache.delete(`${orgId}\u0000${modelId}`);
  }
}

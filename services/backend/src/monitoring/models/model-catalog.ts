import type { ModelRecord, ModelsRepository } from './models-repository.ts';

/**
 * Models and their current policy for the evaluate hot path, cached for `ttlMs` per process.
 * A policy or version change made here invalidates at once; one made on another replica is seen
 * within `ttlMs` (evaluations record the policy version they were actually assessed under).
 */
export class ModelCatalog {
  readonly #cache = new Map<string, { at: number; value: Promise<ModelRecord | undefined> }>();
  /** Latest registered version per model id (ids are UUIDs, unique across organisations). */
  readonly #latest = new Map<string, string>();
  private readonly models: ModelsRepository;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(models: ModelsRepository, ttlMs: number, now: () => number = Date.now) {
    this.models = models;
    this.ttlMs = ttlMs;
    this.now = now;
  }

  async get(orgId: string, modelId: string): Promise<ModelRecord | undefined> {
    const key = `${orgId}\u0000${modelId}`;
    const now = this.now();
    let entry = this.#cache.get(key);
    if (!entry || now - entry.at >= this.ttlMs) {
      entry = { at: now, value: this.models.load(orgId, modelId) };
      this.#cache.set(key, entry);
      entry.value.then(
        (record) => record && this.note(record),
        () => this.#cache.delete(key),
      );
      if (this.#cache.size > 10_000) this.#cache.delete(this.#cache.keys().next().value!);
    }
    return entry.value;
  }

  /** Records what a fresh read found, e.g. after a new version was added or the fairness endpoint read it. */
  note(record: ModelRecord): void {
    const latest = record.versions[record.versions.length - 1];
    if (latest !== undefined) this.#latest.set(record.model.id, latest);
    if (this.#latest.size > 10_000) this.#latest.delete(this.#latest.keys().next().value!);
  }

  /** The latest version seen for a model, undefined when this process has not read it yet. */
  latestVersion(modelId: string): string | undefined {
    return this.#latest.get(modelId);
  }

  invalidate(orgId: string, modelId: string): void {
    this.#cache.delete(`${orgId}\u0000${modelId}`);
  }
}

import { MODEL_OVERFLOW } from './names.ts';

/**
 * Caps the distinct values one label may take. The first `cap` values seen keep their own
 * series; every later value maps to the overflow value, so a flood of model names (or any
 * caller-chosen string) cannot blow up the scrape size or Prometheus' memory.
 */
export class BoundedLabel {
  readonly cap: number;
  readonly overflow: string;
  private readonly admitted = new Set<string>();

  constructor(cap: number, overflow: string = MODEL_OVERFLOW) {
    if (!Number.isInteger(cap) || cap < 0) throw new RangeError(`label cap must be a non-negative integer, got ${cap}`);
    this.cap = cap;
    this.overflow = overflow;
  }

  /** The label value to record for `value`: itself while under the cap, the overflow value after. */
  resolve(value: string): string {
    if (this.admitted.has(value)) return value;
    if (this.admitted.size < this.cap && value !== this.overflow) {
      this.admitted.add(value);
      return value;
    }
    return this.overflow;
  }

  /** True when `value` has (or would get) its own series. Does not admit it. */
  has(value: string): boolean {
    return this.admitted.has(value);
  }

  /** Frees a slot, e.g. when a model is deregistered. Returns whether it was admitted. */
  forget(value: string): boolean {
    return this.admitted.delete(value);
  }

  get size(): number {
    return this.admitted.size;
  }
}

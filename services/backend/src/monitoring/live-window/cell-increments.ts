import { addCounts, zeroCounts, type CellCounts } from './buckets.ts';

/** One row of the persisted window: counts of a (model, version, group, bucket) cell. */
export interface CellKey {
  orgId: string;
  modelId: string;
  modelVersion: string;
  groupKey: string;
  bucketStart: number;
}

export interface CellDelta extends CellKey {
  counts: CellCounts;
}

/**
 * Folds many increments into one delta per cell. Sorted by key so that concurrent writers (two
 * replicas on PostgreSQL) lock cells in the same order and cannot deadlock, and so that one
 * multi-row upsert never names the same cell twice (PostgreSQL rejects that).
 */
export class CellIncrements {
  readonly #cells = new Map<string, CellDelta>();

  add(key: CellKey, counts: CellCounts, sign: 1 | -1 = 1): void {
    const id = [key.orgId, key.modelId, key.modelVersion, key.groupKey, key.bucketStart].join('\u0000');
    let cell = this.#cells.get(id);
    if (!cell) {
      cell = { ...key, counts: zeroCounts() };
      this.#cells.set(id, cell);
    }
    addCounts(cell.counts, counts, sign);
  }

  get size(): number {
    return this.#cells.size;
  }

  sorted(): CellDelta[] {
    return [...this.#cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, cell]) => cell);
  }
}

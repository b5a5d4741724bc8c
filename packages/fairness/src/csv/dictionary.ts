/**
 * Interns categorical values by their bytes: one hash and, for a value seen before, one byte
 * comparison per cell, so a column of a few distinct levels costs no string per row. A level's
 * string is decoded once, when it first appears.
 */
const EMPTY_SLOT = 0;
/** FNV-1a, 32 bit. */
export const HASH_SEED = -2128831035;
export const HASH_PRIME = 16777619;

export class ByteDictionary {
  readonly levels: string[] = [];
  private pool = new Uint8Array(256);
  private poolUsed = 0;
  private starts = new Int32Array(16);
  private hashes = new Int32Array(16);
  /** Open addressing: level index + 1, or 0 for an empty slot. */
  private slots = new Int32Array(64);
  private mask = 63;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  get size(): number {
    return this.levels.length;
  }

  /** The level index of `bytes[start, end)`, adding it when new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    let h = HASH_SEED;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], HASH_PRIME);
    return this.internHashed(bytes, start, end, h);
  }

  /** `intern` with the FNV-1a hash already computed (the scanner hashes while it looks for the delimiter). */
  internHashed(bytes: Uint8Array, start: number, end: number, h: number): number {
    let slot = h & this.mask;
    for (;;) {
      const entry = this.slots[slot];
      if (entry === EMPTY_SLOT) break;
      const level = entry - 1;
      if (this.hashes[level] === h && this.equals(level, bytes, start, end)) return level;
      slot = (slot + 1) & this.mask;
    }
    return this.add(bytes, start, end, h, slot);
  }

  private equals(level: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[level];
    const length = this.starts[level + 1] - from;
    if (length !== end - start) return false;
    const pool = this.pool;
    for (let k = 0; k < length; k++) if (pool[from + k] !== bytes[start + k]) return false;
    return true;
  }

  private add(bytes: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const level = this.levels.length;
    const length = end - start;
    if (this.poolUsed + length > this.pool.length) this.pool = grow(this.pool, this.poolUsed + length);
    if (level + 2 > this.starts.length) {
      this.starts = grow(this.starts, level + 2);
      this.hashes = grow(this.hashes, level + 2);
    }
    this.pool.set(bytes.subarray(start, end), this.poolUsed);
    this.starts[level] = this.poolUsed;
    this.poolUsed += length;
    this.starts[level + 1] = this.poolUsed;
    this.hashes[level] = hash;
    this.levels.push(this.decoder.decode(bytes.subarray(start, end)));
    this.slots[slot] = level + 1;
    if ((level + 1) * 2 > this.mask) this.rehash();
    return level;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let level = 0; level < this.levels.length; level++) {
      let slot = this.hashes[level] & this.mask;
      while (this.slots[slot] !== EMPTY_SLOT) slot = (slot + 1) & this.mask;
      this.slots[slot] = level + 1;
    }
  }
}

function grow<T extends Uint8Array | Int32Array>(array: T, atLeast: number): T {
  let size = array.length * 2;
  while (size < atLeast) size *= 2;
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

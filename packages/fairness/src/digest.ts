/**
 * Input digest: a fast, deterministic, non-cryptographic 64-bit hash (two independent 32-bit
 * multiply–xor lanes, FNV-1a and a Murmur-style mixer) over the audit input as the engine sees it —
 * decoded label and decision bytes, each row's sensitive cell with the cell's values, weights and
 * scores. Two inputs with the same digest give the same audit under the same configuration. Pure
 * TypeScript over typed-array words: node:crypto would tie the package to Node and cost ~3x more.
 */
export const H1_SEED = 0x811c9dc5 | 0;
export const H2_SEED = 0x9747b28c | 0;

export class Digest {
  private h1 = H1_SEED;
  private h2 = H2_SEED;

  /**
   * The digest after `count` words were mixed in elsewhere with exactly the loop of `words` (the
   * counting pass hashes each row's key while it counts, instead of a second pass over stored keys).
   */
  static afterWords(h1: number, h2: number, count: number): Digest {
    const d = new Digest();
    d.h1 = h1;
    d.h2 = h2;
    return d.number(count);
  }

  words(a: Uint32Array): this {
    let h1 = this.h1,
      h2 = this.h2;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      h1 = Math.imul(h1 ^ x, 0x01000193);
      let k = Math.imul(x, 0xcc9e2d51);
      k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
      h2 ^= k;
      h2 = (Math.imul((h2 << 13) | (h2 >>> 19), 5) + 0xe6546b64) | 0;
    }
    this.h1 = h1;
    this.h2 = h2;
    return this.number(a.length);
  }

  /** Any typed array, hashed by its bytes (zero-padded to whole 32-bit words). */
  array(a: ArrayBufferView): this {
    const whole = a.byteLength >>> 2;
    if ((a.byteOffset & 3) === 0) this.words(new Uint32Array(a.buffer, a.byteOffset, whole));
    else this.words(new Uint32Array(new Uint8Array(a.buffer, a.byteOffset, whole * 4).slice().buffer));
    const rest = a.byteLength & 3;
    if (rest) {
      const tail = new Uint8Array(4);
      tail.set(new Uint8Array(a.buffer, a.byteOffset + whole * 4, rest));
      this.words(new Uint32Array(tail.buffer));
    }
    return this;
  }

  string(s: string): this {
    const codes = new Uint32Array(s.length);
    for (let i = 0; i < s.length; i++) codes[i] = s.charCodeAt(i);
    return this.words(codes);
  }

  number(n: number): this {
    const f = new Float64Array([n]);
    const u = new Uint32Array(f.buffer);
    for (const x of u) {
      this.h1 = Math.imul(this.h1 ^ x, 0x01000193);
      this.h2 = Math.imul(this.h2 ^ x, 0x5bd1e995) ^ (this.h2 >>> 15);
    }
    return this;
  }

  hex(): string {
    const fin = (h: number) => {
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      return (h >>> 0).toString(16).padStart(8, '0');
    };
    return `mix64:${fin(this.h1)}${fin(this.h2 ^ this.h1)}`;
  }
}

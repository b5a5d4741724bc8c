/**
 * Splits a JSON object into its top-level members as byte ranges without building the values.
 * The analysis hot path forwards a client's `{config, data}` to ai-core as the very bytes it
 * received: only the small members (config, datasetId) are parsed here, the rows are not (ai-core
 * parses them once, and answers 400 for anything malformed inside them). The top level is checked
 * strictly; nested values are only bracket- and string-matched.
 */
export class JsonShapeError extends Error {
  readonly position: number;

  constructor(position: number, message: string) {
    super(`${message} at byte ${position}`);
    this.position = position;
    this.name = 'JsonShapeError';
  }
}

export interface MemberRange {
  readonly start: number;
  readonly end: number;
}

const WS = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WS[c] = 1;
const QUOTE = 0x22, BACKSLASH = 0x5c, COLON = 0x3a, COMMA = 0x2c;
const OPEN_OBJ = 0x7b, CLOSE_OBJ = 0x7d, OPEN_ARR = 0x5b, CLOSE_ARR = 0x5d;

// Byte classes for the two hot loops (most bytes of a data member are neither).
const IN_VALUE = new Uint8Array(256); // bytes that matter between strings: quote and brackets
for (const c of [QUOTE, OPEN_OBJ, CLOSE_OBJ, OPEN_ARR, CLOSE_ARR]) IN_VALUE[c] = 1;
const IN_STRING = new Uint8Array(256); // bytes that end or interrupt a string: quote, backslash, controls
for (let c = 0; c < 0x20; c++) IN_STRING[c] = 1;
IN_STRING[QUOTE] = 1;
IN_STRING[BACKSLASH] = 1;

function skipWs(buf: Uint8Array, i: number): number {
  while (i < buf.length && WS[buf[i]] === 1) i++;
  return i;
}

/** Returns the index just past the closing quote of the string starting at i. */
function skipString(buf: Uint8Array, i: number): number {
  const n = buf.length;
  let j = i + 1;
  for (;;) {
    while (j < n && IN_STRING[buf[j]] === 0) j++;
    if (j >= n) throw new JsonShapeError(i, 'unterminated string');
    const c = buf[j];
    if (c === QUOTE) return j + 1;
    if (c === BACKSLASH) j += 2;
    else throw new JsonShapeError(j, 'control character in a string');
  }
}

/** Nesting deeper than this is refused (a JSON body for an analysis is a few levels deep). */
const MAX_DEPTH = 512;
const closers = new Uint8Array(MAX_DEPTH);

function skipValue(buf: Uint8Array, i: number): number {
  const first = buf[i];
  if (first === QUOTE) return skipString(buf, i);
  if (first !== OPEN_OBJ && first !== OPEN_ARR) {
    let j = i;
    while (j < buf.length && buf[j] !== COMMA && buf[j] !== CLOSE_OBJ && WS[buf[j]] !== 1) j++;
    if (j === i) throw new JsonShapeError(i, 'expected a value');
    return j;
  }
  const n = buf.length;
  let depth = 0;
  let j = i;
  for (;;) {
    while (j < n && IN_VALUE[buf[j]] === 0) j++;
    if (j >= n) throw new JsonShapeError(i, 'unterminated object or array');
    const c = buf[j];
    if (c === QUOTE) {
      j = skipString(buf, j);
      continue;
    }
    if (c === OPEN_OBJ || c === OPEN_ARR) {
      if (depth === MAX_DEPTH) throw new JsonShapeError(j, `nested deeper than ${MAX_DEPTH} levels`);
      closers[depth++] = c === OPEN_OBJ ? CLOSE_OBJ : CLOSE_ARR;
    } else if (depth === 0 || closers[--depth] !== c) {
      throw new JsonShapeError(j, 'mismatched bracket');
    } else if (depth === 0) {
      return j + 1;
    }
    j++;
  }
}

export function topLevelMembers(buf: Uint8Array): Map<string, MemberRange> {
  const members = new Map<string, MemberRange>();
  let i = skipWs(buf, 0);
  if (buf[i] !== OPEN_OBJ) throw new JsonShapeError(i, 'the body must be a JSON object');
  i = skipWs(buf, i + 1);
  if (buf[i] === CLOSE_OBJ) i++;
  else {
    for (;;) {
      if (buf[i] !== QUOTE) throw new JsonShapeError(i, 'expected a member name');
      const keyEnd = skipString(buf, i);
      const key = JSON.parse(Buffer.from(buf.buffer, buf.byteOffset + i, keyEnd - i).toString('utf8')) as string;
      if (members.has(key)) throw new JsonShapeError(i, `duplicate member "${key}"`);
      i = skipWs(buf, keyEnd);
      if (buf[i] !== COLON) throw new JsonShapeError(i, 'expected ":"');
      const start = skipWs(buf, i + 1);
      const end = skipValue(buf, start);
      members.set(key, { start, end });
      i = skipWs(buf, end);
      if (buf[i] === COMMA) i = skipWs(buf, i + 1);
      else if (buf[i] === CLOSE_OBJ) { i++; break; }
      else throw new JsonShapeError(i, 'expected "," or "}"');
    }
  }
  if (skipWs(buf, i) !== buf.length) throw new JsonShapeError(i, 'unexpected data after the object');
  return members;
}

/** Parses one member's value (meant for the small ones). */
export function parseMember(buf: Uint8Array, range: MemberRange): unknown {
  try {
    return JSON.parse(Buffer.from(buf.buffer, buf.byteOffset + range.start, range.end - range.start).toString('utf8'));
  } catch (error) {
    throw new JsonShapeError(range.start, (error as Error).message);
  }
}

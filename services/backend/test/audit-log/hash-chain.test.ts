import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../src/audit-log/canonical-json.ts';
import { entryHash, GENESIS_HASH, verifyChain, type ChainRow } from '../../src/audit-log/hash-chain.ts';

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = { orgId: 'o1', seq, at: 1000 + seq, actorKind: 'user' as const, actorId: 'u1', action: 'model.create', targetType: 'model', targetId: `m${seq}`, requestId: null, digest: 'd' };
    const hash = entryHash(prev, content);
    rows.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'x' }], c: undefined } })).toBe('{"a":{"d":[1,{"y":"x","z":null}]},"b":1}');
  });
  it('hash = sha256(prev_hash + canonical JSON)', () => {
    const c = { orgId: 'o', seq: 1, at: 5, actorKind: 'system' as const, actorId: 's', action: 'a', targetType: 't', targetId: 'i', requestId: 'r', digest: 'd' };
    expect(entryHash(GENESIS_HASH, c)).toBe(sha256Hex(GENESIS_HASH + '{"action":"a","actorId":"s","actorKind":"system","at":5,"digest":"d","orgId":"o","requestId":"r","seq":1,"targetId":"i","targetType":"t"}'));
  });
});

describe('chain verification', () => {
  it('an intact chain verifies', () => {
    const rows = chain(5);
    expect(verifyChain(rows, { seq: 5, hash: rows[4].hash })).toBeNull();
    expect(verifyChain([], null)).toBeNull();
  });
  it('an edited row is reported at its seq', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], targetId: 'other' };
    expect(verifyChain(rows, { seq: 5, hash: rows[4].hash })).toMatchObject({ kind: 'hash_mismatch', seq: 3 });
  });
  it('an edited row whose hash was recomputed breaks the next link', () => {
    const rows = chain(5);
    const { hash: _h, prevHash, ...content } = rows[1];
    rows[1] = { ...rows[1], action: 'x', hash: entryHash(prevHash, { ...content, action: 'x' }) };
    expect(verifyChain(rows, { seq: 5, hash: rows[4].hash })).toMatchObject({ kind: 'prev_hash_mismatch', seq: 3 });
  });
  it('a deleted middle row is a gap; a deleted tail is caught by the head', () => {
    const rows = chain(5);
    expect(verifyChain([rows[0], rows[1], rows[3], rows[4]], { seq: 5, hash: rows[4].hash })).toMatchObject({ kind: 'gap', seq: 3 });
    expect(verifyChain(rows.slice(0, 4), { seq: 5, hash: rows[4].hash })).toMatchObject({ kind: 'head_mismatch', seq: 5 });
  });
});

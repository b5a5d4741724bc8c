import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, sha256Hex } from '../../src/audit-log/canonical-json.ts';
import {
  contentOf,
  GENESIS_HASH,
  keyedEntryHash,
  legacyEntryHash,
  sealEntry,
  type ChainRow,
} from '../../src/audit-log/hash-chain.ts';
import { walkChain } from '../../src/audit-log/chain-walk.ts';
import { createHmacKeyRing, generateHmacJwk } from '../../src/audit-log/hmac-keys.ts';

const ring = createHmacKeyRing(JSON.stringify([generateHmacJwk()]));
const keys = ring.keys;

function content(seq: number) {
  return {
    orgId: 'o1',
    seq,
    at: 1000 + seq,
    actorKind: 'user' as const,
    actorId: 'u1',
    action: 'model.create',
    targetType: 'model',
    targetId: `m${seq}`,
    requestId: null,
    digest: 'd',
  };
}

/** `legacy` unkeyed entries (plain sha256, as before migration 0004), then `n - legacy` keyed ones. */
function chain(n: number, legacy = 0): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const c = content(seq);
    const sealed = seq <= legacy ? { hash: legacyEntryHash(prev, c), keyId: null } : sealEntry(ring, prev, c);
    rows.push({ ...c, prevHash: prev, ...sealed });
    prev = sealed.hash;
  }
  return rows;
}

/** What an attacker without the key can do: recompute every hash from `fromIndex` on with plain sha256. */
function rehash(rows: ChainRow[], fromIndex: number, keyId: string | null = rows[fromIndex].keyId): ChainRow[] {
  const out = rows.map((r) => ({ ...r }));
  for (let i = fromIndex; i < out.length; i++) {
    out[i].prevHash = i === 0 ? GENESIS_HASH : out[i - 1].hash;
    out[i].keyId = keyId;
    out[i].hash = legacyEntryHash(out[i].prevHash, contentOf(out[i]));
  }
  return out;
}

describe('entry hashes', () => {
  it('canonical JSON sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'x' }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":"x","z":null}]},"b":1}',
    );
  });
  it('an unkeyed (legacy) entry: sha256(prev_hash + canonical JSON), as round-1 code wrote it', () => {
    const c = {
      orgId: 'o',
      seq: 1,
      at: 5,
      actorKind: 'system' as const,
      actorId: 's',
      action: 'a',
      targetType: 't',
      targetId: 'i',
      requestId: 'r',
      digest: 'd',
    };
    expect(legacyEntryHash(GENESIS_HASH, c)).toBe(
      sha256Hex(
        GENESIS_HASH +
          '{"action":"a","actorId":"s","actorKind":"system","at":5,"digest":"d","orgId":"o","requestId":"r","seq":1,"targetId":"i","targetType":"t"}',
      ),
    );
  });
  it('a keyed entry: HMAC-SHA256 with the current key over prev_hash + content + key id', () => {
    const sealed = sealEntry(ring, GENESIS_HASH, content(1));
    expect(sealed.keyId).toBe(ring.currentKid);
    expect(sealed.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sealed.hash).not.toBe(legacyEntryHash(GENESIS_HASH, content(1)));
    const other = createHmacKeyRing(JSON.stringify([{ ...generateHmacJwk(), kid: ring.currentKid }]));
    expect(keyedEntryHash(other.current, ring.currentKid, GENESIS_HASH, content(1))).not.toBe(sealed.hash);
  });
});

describe('walking a chain', () => {
  it('an intact chain, keyed or with an unkeyed legacy segment first, has no findings', () => {
    expect(walkChain(chain(6), { keys, legacySeq: 0 })).toEqual([]);
    expect(walkChain(chain(6, 3), { keys, legacySeq: 3 })).toEqual([]);
    expect(walkChain([], { keys, legacySeq: 0 })).toEqual([]);
  });
  it('an edited entry is rewritten at its seq', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], targetId: 'other' };
    expect(walkChain(rows, { keys, legacySeq: 0 })).toEqual([
      expect.objectContaining({ kind: 'rewritten', fromSeq: 3, toSeq: 3 }),
    ]);
  });
  it('deleted entries are one finding for the missing range', () => {
    const rows = chain(6);
    expect(walkChain([rows[0], rows[3], rows[4], rows[5]], { keys, legacySeq: 0 })).toEqual([
      expect.objectContaining({ kind: 'deleted', fromSeq: 2, toSeq: 3 }),
    ]);
  });
  it('a chain rehashed without the key is rehashed from where it starts, key id kept or cleared', () => {
    expect(walkChain(rehash(chain(5), 0), { keys, legacySeq: 0 })).toEqual([
      expect.objectContaining({ kind: 'rehashed', fromSeq: 1, toSeq: 5 }),
    ]);
    expect(walkChain(rehash(chain(5), 2, null), { keys, legacySeq: 0 })).toEqual([
      expect.objectContaining({ kind: 'rehashed', fromSeq: 3, toSeq: 5 }),
    ]);
  });
  it('an unkeyed entry beyond the legacy segment is rehashed even though its sha256 holds', () => {
    expect(walkChain(chain(5, 5), { keys, legacySeq: 3 })).toEqual([
      expect.objectContaining({ kind: 'rehashed', fromSeq: 4, toSeq: 5 }),
    ]);
  });
  it('an edited legacy entry whose sha256 was recomputed is caught by the keyed entry linking to it', () => {
    const rows = chain(5, 3);
    rows[1] = { ...rows[1], action: 'x' };
    // Unkeyed hashes are anyone's to recompute: seq 2 and 3 fit their content again, seq 4 cannot.
    const rehashed = rehash(rows, 1, null).slice(0, 3).concat(rows.slice(3));
    expect(walkChain(rehashed, { keys, legacySeq: 3 })).toEqual([
      expect.objectContaining({ kind: 'rewritten', fromSeq: 1, toSeq: 3 }),
    ]);
    // Without the recomputation the break is at the edited entry's successor.
    rows[1].hash = legacyEntryHash(rows[1].prevHash, contentOf(rows[1]));
    expect(walkChain(rows, { keys, legacySeq: 3 })).toEqual([
      expect.objectContaining({ kind: 'rewritten', fromSeq: 1, toSeq: 2 }),
    ]);
  });
  it('an entry sealed with a key the verifier lacks is unknown_key, not rewritten', () => {
    const other = createHmacKeyRing(JSON.stringify([generateHmacJwk()]));
    expect(walkChain(chain(3), { keys: other.keys, legacySeq: 0 })).toEqual([
      expect.objectContaining({ kind: 'unknown_key', fromSeq: 1, toSeq: 3 }),
    ]);
  });

  it('property: any single edit, deletion or rehash of a keyed chain is found exactly where it happened', () => {
    const tamper = fc.oneof(
      fc.record({
        op: fc.constant('edit' as const),
        field: fc.constantFrom('action', 'targetId', 'actorId', 'digest', 'at', 'prevHash', 'hash'),
      }),
      fc.record({ op: fc.constant('delete' as const) }),
      fc.record({ op: fc.constant('rehash' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), tamper, (n, pick, t) => {
        const rows = chain(n);
        const i = pick % (n - 1); // never the last entry: deleting the tail is truncation, which needs the checkpoints
        const seq = i + 1;
        if (t.op === 'delete') {
          expect(
            walkChain(
              rows.filter((_, j) => j !== i),
              { keys, legacySeq: 0 },
            ),
          ).toEqual([expect.objectContaining({ kind: 'deleted', fromSeq: seq, toSeq: seq })]);
        } else if (t.op === 'rehash') {
          expect(walkChain(rehash(rows, i), { keys, legacySeq: 0 })).toEqual([
            expect.objectContaining({ kind: 'rehashed', fromSeq: seq, toSeq: n }),
          ]);
        } else {
          const edited = rows.map((r) => ({ ...r }));
          const row = edited[i] as unknown as Record<string, unknown>;
          row[t.field] = t.field === 'at' ? (row.at as number) + 1 : `${String(row[t.field])}x`;
          expect(walkChain(edited, { keys, legacySeq: 0 })).toEqual([
            expect.objectContaining({ kind: 'rewritten', fromSeq: seq, toSeq: seq }),
          ]);
        }
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});

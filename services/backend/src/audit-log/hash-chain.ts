import { createHmac, type KeyObject } from 'node:crypto';
import { canonicalJson, sha256Hex } from './canonical-json.ts';
import type { HmacKeyRing } from './hmac-keys.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The sealed content of an audit entry: everything but the hashes and the key id. */
export interface ChainedContent {
  orgId: string;
  seq: number;
  at: number;
  actorKind: 'user' | 'api_key' | 'system';
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  requestId: string | null;
  digest: string;
}

/** One stored link: its content, the hash it links to, its own hash and the key that sealed it. */
export interface ChainRow extends ChainedContent {
  prevHash: string;
  hash: string;
  /** Null: an unkeyed entry from before keyed entries existed (migration 0004). */
  keyId: string | null;
}

/** An entry written before keys existed: sha256(prev_hash + canonical JSON). Anyone can recompute it. */
export function legacyEntryHash(prevHash: string, content: ChainedContent): string {
  return sha256Hex(prevHash + canonicalJson(content));
}

/**
 * A keyed entry: HMAC-SHA256 over prev_hash + canonical JSON of the content and its key id, so
 * recomputing it needs the key, which is not in the database.
 */
export function keyedEntryHash(key: KeyObject, keyId: string, prevHash: string, content: ChainedContent): string {
  return createHmac('sha256', key)
    .update(prevHash + canonicalJson({ ...content, keyId }))
    .digest('hex');
}

/** Seals a new entry with the ring's current key. */
export function sealEntry(
  ring: HmacKeyRing,
  prevHash: string,
  content: ChainedContent,
): { hash: string; keyId: string } {
  return { hash: keyedEntryHash(ring.current, ring.currentKid, prevHash, content), keyId: ring.currentKid };
}

export function contentOf(row: ChainRow): ChainedContent {
  const { orgId, seq, at, actorKind, actorId, action, targetType, targetId, requestId, digest } = row;
  return { orgId, seq, at, actorKind, actorId, action, targetType, targetId, requestId, digest };
}

import { canonicalJson, sha256Hex } from './canonical-json.ts';
import { signBytes, verifyBytes, type CheckpointKeyRing } from './checkpoint-keys.ts';

/** An organisation's chain as a checkpoint records it: the number of entries and the hash of the last. */
export interface ChainHeadMark {
  size: number;
  hash: string;
}

/**
 * One line of the checkpoint log (JSON, one per line, append-only), signed with Ed25519 like a
 * Certificate Transparency signed tree head.
 * - `checkpoint`: the heads of the organisations whose chains grew since the previous record
 *   (the first checkpoint: every organisation, with `legacy`, the unkeyed segments it covers).
 * - `restore`: the database was restored from a backup; `heads` is that backup's every head.
 * `treeSize` and `root` describe the whole state after the record (every organisation's head),
 * `prev` is the sha256 of the previous line, so lines cannot be dropped or reordered unseen.
 */
export interface CheckpointBody {
  v: 1;
  type: 'checkpoint' | 'restore';
  n: number;
  prev: string;
  time: string;
  writer: string;
  treeSize: number;
  root: string;
  heads: Record<string, ChainHeadMark>;
  legacy?: Record<string, number>;
  kid: string;
}

export interface CheckpointRecord extends CheckpointBody {
  sig: string;
}

export type HeadState = ReadonlyMap<string, ChainHeadMark>;

export function stateRoot(state: HeadState): { treeSize: number; root: string } {
  let treeSize = 0;
  const heads: Record<string, ChainHeadMark> = {};
  for (const [orgId, head] of state) {
    if (head.size === 0) continue;
    treeSize += head.size;
    heads[orgId] = head;
  }
  return { treeSize, root: sha256Hex(canonicalJson(heads)) };
}

export function signRecord(body: Omit<CheckpointBody, 'kid'>, keys: CheckpointKeyRing): CheckpointRecord {
  if (!keys.signer) throw new Error('AUDIT_SIGNING_KEYS: the first key must be a private key to sign checkpoints');
  const full: CheckpointBody = { ...body, kid: keys.signer.kid };
  return { ...full, sig: signBytes(keys.signer.key, canonicalJson(full)) };
}

/** Null when the signature holds; otherwise what is wrong. */
export function signatureProblem(record: CheckpointRecord, keys: CheckpointKeyRing): string | null {
  const key = keys.verifiers.get(record.kid);
  if (!key) return `signed with key id ${record.kid}, which is not in AUDIT_SIGNING_KEYS`;
  const { sig, ...body } = record;
  try {
    return verifyBytes(key, canonicalJson(body), sig) ? null : 'signature does not match the record';
  } catch {
    return 'signature is malformed';
  }
}

export function lineHash(line: string): string {
  return sha256Hex(line);
}

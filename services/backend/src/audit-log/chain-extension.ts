import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { readChain, type ChainHead } from './audit-log-repository.ts';
import { walkChain } from './chain-walk.ts';
import type { ChainHeadMark } from './checkpoint-record.ts';
import type { HmacKeyRing } from './hmac-keys.ts';

/**
 * Before a head is signed: does the organisation's chain in the database still contain the head
 * signed last time, and is every entry after it sealed and linked? Null when it is; otherwise why
 * not. Signing a chain that does not extend its checkpoint would vouch for the tampering.
 */
export async function extensionProblem(
  db: Kysely<Database>,
  keys: HmacKeyRing,
  before: ChainHeadMark,
  head: ChainHead,
  legacySeq: number,
): Promise<string | null> {
  if (head.seq < before.size) return `the head row says ${head.seq} entries, the last checkpoint ${before.size}`;
  const rows = await readChain(db, head.orgId, Math.max(0, before.size - 1), head.seq);
  if (before.size > 0) {
    const anchor = rows.shift();
    if (anchor?.seq !== before.size || anchor.hash !== before.hash)
      return `seq ${before.size} no longer has the hash of the last checkpoint`;
  }
  const findings = walkChain(rows, { keys: keys.keys, legacySeq, after: { seq: before.size, hash: before.hash } });
  if (findings.length > 0)
    return findings.map((f) => `${f.kind} at seq ${f.fromSeq}${f.toSeq > f.fromSeq ? `..${f.toSeq}` : ''}`).join(', ');
  const last = rows.at(-1);
  if (last?.seq !== head.seq || last.hash !== head.hash)
    return `the head row (seq ${head.seq}) does not match the last entry (seq ${last?.seq ?? before.size})`;
  return null;
}

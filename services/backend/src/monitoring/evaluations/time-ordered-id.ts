import { randomBytes } from 'node:crypto';

const POOL_SIZE = 16 * 1024;
let pool = randomBytes(POOL_SIZE);
let offset = POOL_SIZE;

/**
 * A UUIDv7 (RFC 9562): 48 bits of epoch milliseconds, then random bits. Evaluations are the
 * highest-volume rows; time-ordered keys append at the right edge of the primary-key B-tree
 * instead of dirtying random pages, which keeps SQLite's WAL and PostgreSQL's index small.
 */
export function timeOrderedId(now = Date.now()): string {
  if (offset + 10 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const b = Buffer.allocUnsafe(16);
  b.writeUIntBE(now, 0, 6);
  pool.copy(b, 6, offset, offset + 10);
  offset += 10;
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

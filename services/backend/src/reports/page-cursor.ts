import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Keyset pagination over (created_at DESC, id DESC): stable under concurrent inserts and as fast on
 * page 1,000 as on page 1. The cursor is opaque to clients (base64url of the last row's key).
 */
export interface PageKey {
  readonly createdAt: number;
  readonly id: string;
}

export function encodeCursor(key: PageKey): string {
  return Buffer.from(`${key.createdAt}|${key.id}`, 'utf8').toString('base64url');
}

/** Returns null for a cursor that was not produced by encodeCursor. */
export function decodeCursor(cursor: string): PageKey | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,15})\|([0-9a-f-]{36})$/.exec(text);
  return match ? { createdAt: Number(match[1]), id: match[2] } : null;
}

/** Fetch limit + 1 rows; this trims the extra one and derives the next cursor from the last kept row. */
export function pageOf<T extends { created_at: number; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null;
  return { items, nextCursor };
}

/** The tables listed page by page, each keyed by its created_at and id columns. */
type PagedTable = 'datasets' | 'reports';

/** The WHERE condition for the rows after `key` in (created_at DESC, id DESC) order. */
export function afterKey(key: PageKey) {
  return (eb: ExpressionBuilder<Database, PagedTable>) =>
    eb.or([
      eb('created_at', '<', key.createdAt),
      eb.and([eb('created_at', '=', key.createdAt), eb('id', '<', key.id)]),
    ]);
}

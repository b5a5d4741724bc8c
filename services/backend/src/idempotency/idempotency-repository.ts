import type { Kysely } from 'kysely';
import type { IdempotencyTables } from './idempotency-table.ts';

export interface StoredResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

export type ClaimOutcome =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'in_flight' }
  | { readonly kind: 'done'; readonly requestHash: string | null; readonly response: StoredResponse };

/**
 * Idempotency records: the first request with a key inserts an in-flight row (the primary key makes
 * that atomic across replicas); later ones find it and learn whether to wait, replay or refuse.
 * An in-flight row older than `staleAfterMs` belongs to a process that died and may be taken over.
 */
export function createIdempotencyRepository(db: Kysely<IdempotencyTables>, ttlMs: number, staleAfterMs: number) {
  async function tryInsert(scope: string, key: string, requestHash: string | null, now: number): Promise<boolean> {
    const result = await db
      .insertInto('idempotency_keys')
      .values({
        scope,
        key,
        request_hash: requestHash,
        state: 'in_flight',
        status_code: null,
        headers_json: null,
        body: null,
        created_at: now,
        expires_at: now + ttlMs,
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  return {
    async claim(scope: string, key: string, requestHash: string | null): Promise<ClaimOutcome> {
      const now = Date.now();
      if (await tryInsert(scope, key, requestHash, now)) return { kind: 'claimed' };
      const row = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirst();
      const abandoned =
        row &&
        (Number(row.expires_at) <= now || (row.state === 'in_flight' && Number(row.created_at) <= now - staleAfterMs));
      if (!row || abandoned) {
        if (row) {
          await db
            .deleteFrom('idempotency_keys')
            .where('scope', '=', scope)
            .where('key', '=', key)
            .where('created_at', '=', row.created_at)
            .execute();
        }
        return (await tryInsert(scope, key, requestHash, now)) ? { kind: 'claimed' } : { kind: 'in_flight' };
      }
      if (row.state === 'in_flight') return { kind: 'in_flight' };
      return {
        kind: 'done',
        requestHash: row.request_hash,
        response: {
          statusCode: row.status_code ?? 200,
          headers: JSON.parse(row.headers_json ?? '{}'),
          body: Buffer.from(row.body ?? []),
        },
      };
    },

    async complete(scope: string, key: string, requestHash: string, response: StoredResponse): Promise<void> {
      await db
        .updateTable('idempotency_keys')
        .set({
          state: 'done',
          request_hash: requestHash,
          status_code: response.statusCode,
          headers_json: JSON.stringify(response.headers),
          body: response.body,
        })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .execute();
    },

    /** Forgets an in-flight key whose request failed without a response worth replaying (so a retry can run). */
    async release(scope: string, key: string): Promise<void> {
      await db
        .deleteFrom('idempotency_keys')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('state', '=', 'in_flight')
        .execute();
    },

    async purgeExpired(now = Date.now()): Promise<number> {
      const result = await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;

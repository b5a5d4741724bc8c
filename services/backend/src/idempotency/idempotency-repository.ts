import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { IdempotencyTables } from './idempotency-table.ts';

export interface StoredResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** A key claimed by this process: what `complete` or `release` needs to act only on its own claim. */
export interface IdempotencyClaim {
  readonly scope: string;
  readonly key: string;
  readonly claimedAt: number;
}

export type ClaimOutcome =
  | { readonly kind: 'claimed'; readonly claim: IdempotencyClaim }
  /** `retryAfterMs`: until the holder's lease lapses (or, if it is alive, its next renewal is due). */
  | { readonly kind: 'in_flight'; readonly retryAfterMs: number }
  | { readonly kind: 'done'; readonly requestHash: string | null; readonly response: StoredResponse };

export interface IdempotencyRepositoryOptions {
  /** How long a stored answer is replayed. */
  readonly ttlMs: number;
  /** An in-flight claim not renewed for this long belongs to a dead process and may be taken over. */
  readonly leaseMs: number;
  /** How often this process renews all of its in-flight claims (one statement); a third of the lease. */
  readonly renewMs: number;
  /** Rows without a lease (written by code older than migration 0007) go stale this long after creation. */
  readonly legacyStaleMs: number;
  /** A renewal that failed (the next one retries); the claims lapse if renewals keep failing. */
  readonly onRenewError?: (error: unknown) => void;
}

/**
 * Idempotency records: the first request with a key inserts an in-flight row (the primary key makes
 * that atomic across replicas); later ones find it and learn whether to wait, replay or refuse.
 * An in-flight row is a lease held by one process, which renews all of its leases on one timer
 * while it has any; a row whose lease lapsed belongs to a process that died and may be taken over.
 * Build one per process (idempotency-plugin.ts), so there is one owner and one timer.
 */
export function createIdempotencyRepository(db: Kysely<IdempotencyTables>, options: IdempotencyRepositoryOptions) {
  const { ttlMs, leaseMs, renewMs, legacyStaleMs } = options;
  const owner = randomUUID();
  let held = 0;
  let timer: NodeJS.Timeout | null = null;
  let renewing = false;

  async function renewAll(): Promise<void> {
    // A slow database must not pile renewals up: the next tick renews for all of them.
    if (renewing) return;
    renewing = true;
    try {
      await db
        .updateTable('idempotency_keys')
        .set({ lease_until: Date.now() + leaseMs })
        .where('lease_owner', '=', owner)
        .where('state', '=', 'in_flight')
        .execute();
    } catch (error) {
      options.onRenewError?.(error);
    } finally {
      renewing = false;
    }
  }

  function hold(): void {
    held += 1;
    if (timer === null) {
      timer = setInterval(() => void renewAll(), renewMs);
      timer.unref();
    }
  }

  function drop(): void {
    held = Math.max(0, held - 1);
    if (held === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  }

  function freshRow(scope: string, key: string, requestHash: string | null, now: number) {
    return {
      scope,
      key,
      request_hash: requestHash,
      state: 'in_flight' as const,
      status_code: null,
      headers_json: null,
      body: null,
      created_at: now,
      expires_at: now + ttlMs,
      lease_owner: owner,
      lease_until: now + leaseMs,
    };
  }

  async function tryInsert(scope: string, key: string, requestHash: string | null, now: number): Promise<boolean> {
    const result = await db
      .insertInto('idempotency_keys')
      .values(freshRow(scope, key, requestHash, now))
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  function claimed(scope: string, key: string, now: number): ClaimOutcome {
    hold();
    return { kind: 'claimed', claim: { scope, key, claimedAt: now } };
  }

  // A dead holder's key is free once its lease lapses: one wait, not a retry every second until then.
  const inFlight = (remainingMs: number): ClaimOutcome => ({
    kind: 'in_flight',
    retryAfterMs: Math.min(leaseMs, Math.max(1, remainingMs)),
  });

  return {
    owner,

    async claim(scope: string, key: string, requestHash: string | null): Promise<ClaimOutcome> {
      const now = Date.now();
      if (await tryInsert(scope, key, requestHash, now)) return claimed(scope, key, now);
      const row = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) return (await tryInsert(scope, key, requestHash, now)) ? claimed(scope, key, now) : inFlight(leaseMs);
      const leaseUntil = row.lease_until === null ? Number(row.created_at) + legacyStaleMs : Number(row.lease_until);
      const abandoned = Number(row.expires_at) <= now || (row.state === 'in_flight' && leaseUntil <= now);
      if (abandoned) {
        // Taken over in place, only if the row is still the one read: a renewal or another
        // taker in between wins, and this request is told the key is in flight.
        const result = await db
          .updateTable('idempotency_keys')
          .set(freshRow(scope, key, requestHash, now))
          .where('scope', '=', scope)
          .where('key', '=', key)
          .where('created_at', '=', row.created_at)
          .where((eb) =>
            row.lease_until === null ? eb('lease_until', 'is', null) : eb('lease_until', '=', row.lease_until),
          )
          .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1 ? claimed(scope, key, now) : inFlight(leaseMs);
      }
      if (row.state === 'in_flight') return inFlight(leaseUntil - now);
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

    /**
     * Stores the answer of a claim. A claim that lapsed and was taken over is left to its new
     * owner (this answer still goes to its own client).
     */
    async complete(claim: IdempotencyClaim, requestHash: string, response: StoredResponse): Promise<void> {
      try {
        await db
          .updateTable('idempotency_keys')
          .set({
            state: 'done',
            request_hash: requestHash,
            status_code: response.statusCode,
            headers_json: JSON.stringify(response.headers),
            body: response.body,
            lease_owner: null,
            lease_until: null,
          })
          .where('scope', '=', claim.scope)
          .where('key', '=', claim.key)
          .where('lease_owner', '=', owner)
          .where('created_at', '=', claim.claimedAt)
          .execute();
      } finally {
        drop();
      }
    },

    /** Forgets an in-flight claim whose request failed without a response worth replaying (so a retry can run). */
    async release(claim: IdempotencyClaim): Promise<void> {
      try {
        await db
          .deleteFrom('idempotency_keys')
          .where('scope', '=', claim.scope)
          .where('key', '=', claim.key)
          .where('state', '=', 'in_flight')
          .where('lease_owner', '=', owner)
          .where('created_at', '=', claim.claimedAt)
          .execute();
      } finally {
        drop();
      }
    },

    async purgeExpired(now = Date.now()): Promise<number> {
      const result = await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Stops renewing: this process's claims lapse one lease after the last renewal (at shutdown, or a test's dead owner). */
    stopRenewing(): void {
      if (timer !== null) clearInterval(timer);
      timer = null;
      held = 0;
    },
  };
}

export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;

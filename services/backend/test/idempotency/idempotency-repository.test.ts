import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import {
  createIdempotencyRepository,
  type IdempotencyRepository,
  type IdempotencyRepositoryOptions,
} from '../../src/idempotency/idempotency-repository.ts';
import type { IdempotencyTables } from '../../src/idempotency/idempotency-table.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';

const LONG: IdempotencyRepositoryOptions = { ttlMs: 60_000, leaseMs: 60_000, renewMs: 20_000, legacyStaleMs: 60_000 };
/** Short enough for a test, long enough that a busy machine renews in time (a third of the lease). */
const SHORT: IdempotencyRepositoryOptions = { ttlMs: 60_000, leaseMs: 600, renewMs: 200, legacyStaleMs: 60_000 };
const RESPONSE = { statusCode: 201, headers: { location: '/x' }, body: Buffer.from('{"a":1}') };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function claimed(outcome: Awaited<ReturnType<IdempotencyRepository['claim']>>) {
  if (outcome.kind !== 'claimed') throw new Error(`expected a claim, got ${outcome.kind}`);
  return outcome.claim;
}

for (const dialect of DIALECTS) {
  describe(`idempotency repository (${dialect.name})`, () => {
    let database: TestDatabase;
    let db: Kysely<IdempotencyTables>;
    const repos: IdempotencyRepository[] = [];
    /** One repository is one process: its own lease owner and renewal timer. */
    const process = (options: IdempotencyRepositoryOptions) => {
      const repo = createIdempotencyRepository(db, options);
      repos.push(repo);
      return repo;
    };

    beforeAll(async () => {
      database = await dialect.open();
      db = database.handle.db as unknown as Kysely<IdempotencyTables>;
    });
    afterAll(async () => {
      for (const repo of repos) repo.stopRenewing();
      await database.dispose();
    });

    it('claims a key once, reports in-flight, then replays the stored response', async () => {
      const repo = process(LONG);
      const outcomes = await Promise.all([repo.claim('s', 'k1', 'h'), repo.claim('s', 'k1', 'h')]);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['claimed', 'in_flight']);
      const claim = outcomes.map((o) => (o.kind === 'claimed' ? o.claim : null)).find((c) => c !== null)!;
      await repo.complete(claim, 'h', RESPONSE);
      expect(await repo.claim('s', 'k1', 'other')).toEqual({ kind: 'done', requestHash: 'h', response: RESPONSE });
      expect((await repo.claim('other-scope', 'k1', 'h')).kind).toBe('claimed');
    });

    it('releases a failed attempt and purges expired keys', async () => {
      const repo = process(LONG);
      await repo.release(claimed(await repo.claim('s', 'k2', 'h')));
      expect((await repo.claim('s', 'k2', 'h')).kind).toBe('claimed');
      const shortLived = process({ ...LONG, ttlMs: 1 });
      await shortLived.claim('s', 'k3', 'h');
      await sleep(5);
      expect(await repo.purgeExpired()).toBeGreaterThanOrEqual(1);
      expect((await repo.claim('s', 'k3', 'h')).kind).toBe('claimed');
    });

    it('takes over a claim whose owner stopped renewing once its lease lapses, not before', async () => {
      const dead = process(SHORT);
      const survivor = process(SHORT);
      const first = claimed(await dead.claim('s', 'k4', 'h'));
      dead.stopRenewing(); // what SIGKILL does to its timer
      const refused = await survivor.claim('s', 'k4', 'h');
      // Told to come back when the lease lapses, not sooner than needed and never later than a lease.
      expect(refused).toMatchObject({ kind: 'in_flight' });
      if (refused.kind === 'in_flight') {
        expect(refused.retryAfterMs).toBeGreaterThan(0);
        expect(refused.retryAfterMs).toBeLessThanOrEqual(SHORT.leaseMs);
      }
      let outcome = await survivor.claim('s', 'k4', 'h');
      while (outcome.kind === 'in_flight' && Date.now() - first.claimedAt < SHORT.leaseMs * 10) {
        await sleep(SHORT.leaseMs / 20);
        outcome = await survivor.claim('s', 'k4', 'h');
      }
      const takeover = claimed(outcome);
      // Never before the lease lapsed, and soon after it (the poll's step, plus a busy machine's slack).
      expect(takeover.claimedAt - first.claimedAt).toBeGreaterThanOrEqual(SHORT.leaseMs);
      expect(takeover.claimedAt - first.claimedAt).toBeLessThan(SHORT.leaseMs * 3);
      // The dead owner's late answer neither overwrites nor releases the new owner's claim.
      await dead.complete(first, 'h', { ...RESPONSE, statusCode: 200 });
      await dead.release(first);
      expect((await dead.claim('s', 'k4', 'h')).kind).toBe('in_flight');
      await survivor.complete(takeover, 'h', RESPONSE);
      expect(await dead.claim('s', 'k4', 'h')).toMatchObject({ kind: 'done', response: { statusCode: 201 } });
    });

    it('keeps a live owner’s claim past several lease periods while it renews', async () => {
      const owner = process(SHORT);
      const other = process(SHORT);
      const claim = claimed(await owner.claim('s', 'k5', 'h'));
      const kinds = new Set<string>();
      while (Date.now() - claim.claimedAt < SHORT.leaseMs * 4) {
        kinds.add((await other.claim('s', 'k5', 'h')).kind);
        await sleep(SHORT.leaseMs / 10);
      }
      expect([...kinds]).toEqual(['in_flight']);
      await owner.complete(claim, 'h', RESPONSE);
      expect((await other.claim('s', 'k5', 'h')).kind).toBe('done');
    });

    it('takes over a row written before leases once it is stale by the old rule', async () => {
      const now = Date.now();
      const legacy = { scope: 's', key: 'k6', request_hash: 'h', state: 'in_flight' as const };
      const unset = { status_code: null, headers_json: null, body: null, lease_owner: null, lease_until: null };
      await db
        .insertInto('idempotency_keys')
        .values({ ...legacy, ...unset, created_at: now, expires_at: now + 60_000 })
        .execute();
      const repo = process({ ...SHORT, legacyStaleMs: 60_000 });
      expect((await repo.claim('s', 'k6', 'h')).kind).toBe('in_flight');
      await db
        .updateTable('idempotency_keys')
        .set({ created_at: now - 60_000 })
        .where('key', '=', 'k6')
        .execute();
      expect((await repo.claim('s', 'k6', 'h')).kind).toBe('claimed');
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createIdempotencyRepository } from '../../src/idempotency/idempotency-repository.ts';
import type { IdempotencyTables } from '../../src/idempotency/idempotency-table.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';

for (const dialect of DIALECTS) {
  describe(`idempotency repository (${dialect.name})`, () => {
    let database: TestDatabase;
    let db: Kysely<IdempotencyTables>;

    beforeAll(async () => {
      database = await dialect.open();
      db = database.handle.db as unknown as Kysely<IdempotencyTables>;
    });
    afterAll(() => database.dispose());

    it('claims a key once, reports in-flight, then replays the stored response', async () => {
      const repo = createIdempotencyRepository(db, 60_000, 60_000);
      const outcomes = await Promise.all([repo.claim('s', 'k1', 'h'), repo.claim('s', 'k1', 'h')]);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['claimed', 'in_flight']);
      await repo.complete('s', 'k1', 'h', {
        statusCode: 201,
        headers: { location: '/x' },
        body: Buffer.from('{"a":1}'),
      });
      const replay = await repo.claim('s', 'k1', 'other');
      expect(replay).toEqual({
        kind: 'done',
        requestHash: 'h',
        response: { statusCode: 201, headers: { location: '/x' }, body: Buffer.from('{"a":1}') },
      });
      expect((await repo.claim('other-scope', 'k1', 'h')).kind).toBe('claimed');
    });

    it('releases a failed attempt, takes over stale in-flight keys, and purges expired ones', async () => {
      const repo = createIdempotencyRepository(db, 60_000, 60_000);
      await repo.claim('s', 'k2', 'h');
      await repo.release('s', 'k2');
      expect((await repo.claim('s', 'k2', 'h')).kind).toBe('claimed');
      const stale = createIdempotencyRepository(db, 60_000, 0);
      expect((await stale.claim('s', 'k2', 'h')).kind).toBe('claimed');
      const shortLived = createIdempotencyRepository(db, 1, 60_000);
      await shortLived.claim('s', 'k3', 'h');
      await new Promise((r) => setTimeout(r, 5));
      expect(await repo.purgeExpired()).toBeGreaterThanOrEqual(1);
      expect((await repo.claim('s', 'k3', 'h')).kind).toBe('claimed');
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../src/db/connect.ts';
import type { CounterStore } from '../../src/rate-limit/counter-store.ts';
import { createMemoryCounterStore } from '../../src/rate-limit/memory-counter-store.ts';
import { createPostgresCounterStore } from '../../src/rate-limit/postgres-counter-store.ts';
import { DIALECTS, type TestDatabase } from '../dialects.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The same contract for every store: in memory, and in PostgreSQL when the suite has it. */
const STORES: {
  name: string;
  open(): Promise<{ store: CounterStore; second?: CounterStore; close(): Promise<void> }>;
}[] = [
  { name: 'memory', open: async () => ({ store: createMemoryCounterStore(), close: async () => {} }) },
  ...DIALECTS.filter((d) => d.name === 'postgres').map((dialect) => ({
    name: 'postgres',
    async open() {
      const database: TestDatabase = await dialect.open();
      // A second connection pool on the same database: another replica.
      const other: DbHandle = connect({ url: database.url, poolSize: 4 });
      const store = createPostgresCounterStore(database.handle.db);
      const second = createPostgresCounterStore(other.db);
      return {
        store,
        second,
        close: async () => {
          await Promise.all([store.close(), second.close()]);
          await other.close();
          await database.dispose();
        },
      };
    },
  })),
];

for (const { name, open } of STORES) {
  describe(`${name} counter store`, () => {
    let opened: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(() => opened.close());

    it('counts hits in a window, reads without counting, and clears', async () => {
      const { store } = opened;
      expect(await store.read('a')).toEqual({ count: 0, ttlMs: 0 });
      const first = await store.hit('a', 60_000);
      expect(first.count).toBe(1);
      expect(first.ttlMs).toBeGreaterThan(55_000);
      expect(first.ttlMs).toBeLessThanOrEqual(60_000);
      expect((await store.hit('a', 60_000)).count).toBe(2);
      expect((await store.read('a')).count).toBe(2);
      expect((await store.read('a')).count).toBe(2);
      expect((await store.hit('b', 60_000)).count).toBe(1);
      await store.clear('a');
      expect(await store.read('a')).toEqual({ count: 0, ttlMs: 0 });
      expect((await store.hit('a', 60_000)).count).toBe(1);
    });

    it('starts a new window once the running one has ended', async () => {
      const { store } = opened;
      expect((await store.hit('short', 150)).count).toBe(1);
      expect((await store.hit('short', 150)).count).toBe(2);
      await sleep(250);
      expect(await store.read('short')).toEqual({ count: 0, ttlMs: 0 });
      expect((await store.hit('short', 150)).count).toBe(1);
    });

    it('gives concurrent hits distinct, gapless counts', async () => {
      const counts = await Promise.all(range(200).map(() => opened.store.hit('hot', 60_000)));
      expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual(range(200));
    });

    it.runIf(name === 'postgres')('two stores on one database (two replicas) count in the same window', async () => {
      const { store, second } = opened;
      const counts = await Promise.all(range(120).map((i) => (i % 2 === 0 ? store : second!).hit('shared', 60_000)));
      expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual(range(120));
      expect((await second!.read('shared')).count).toBe(120);
    });
  });
}

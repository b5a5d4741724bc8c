import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { purgeExpired, type PurgeResult } from './purge.ts';

/**
 * Runs the retention purge every `intervalMs` (0: never) in this process. Every replica may run
 * it: the deletes are idempotent. Overlapping runs are skipped, and the timer never keeps the
 * process alive.
 */
export function startPurgeSchedule(db: Kysely<Database>, intervalMs: number, log: FastifyBaseLogger) {
  let running: Promise<PurgeResult[]> | null = null;
  const runNow = (now = Date.now()): Promise<PurgeResult[]> => {
    if (running) return running;
    running = purgeExpired(db, now).finally(() => {
      running = null;
    });
    return running;
  };
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          runNow().then(
            (r) => log.info({ purged: r.filter((x) => x.evaluations + x.windowCells > 0) }, 'retention purge done'),
            (err: unknown) => log.error({ err }, 'retention purge failed'),
          );
        }, intervalMs)
      : null;
  timer?.unref();
  return {
    runNow,
    /** One organisation, now (the admin endpoint); independent of the scheduled run. */
    runOrg: (orgId: string, now = Date.now()) => purgeExpired(db, now, orgId),
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}

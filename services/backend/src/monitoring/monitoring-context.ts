import type { FastifyInstance } from 'fastify';
import { GroupCommitWriter } from './evaluations/group-commit-writer.ts';
import { createEvaluateService } from './evaluations/evaluate-service.ts';
import { createEvaluationsRepository } from './evaluations/evaluations-repository.ts';
import { createIncidentsRepository } from './incidents/incidents-repository.ts';
import { ModelCatalog } from './models/model-catalog.ts';
import { createModelsRepository } from './models/models-repository.ts';
import { ReportedLiveWindow } from './models/reported-window.ts';
import { startPurgeSchedule } from './retention/purge-schedule.ts';

/** Everything the monitoring routes share, built once per app from its db and config. */
export function createMonitoringContext(fastify: FastifyInstance) {
  const cfg = fastify.config;
  const db = fastify.db;
  const models = createModelsRepository(db);
  const catalog = new ModelCatalog(models, cfg.MONITORING_CACHE_TTL_MS);
  const window = new ReportedLiveWindow(db, cfg.MONITORING_CACHE_TTL_MS, catalog, () => fastify.businessMetrics);
  const writer = new GroupCommitWriter(db, {
    intervalMs: cfg.EVALUATE_COMMIT_INTERVAL_MS,
    maxBatchRows: cfg.EVALUATE_MAX_BATCH_ROWS,
    maxQueueRows: cfg.EVALUATE_MAX_QUEUE_ROWS,
  });
  const evaluate = createEvaluateService({ db, catalog, window, writer });
  const purge = startPurgeSchedule(db, cfg.RETENTION_PURGE_INTERVAL_MS, fastify.log);
  fastify.addHook('onClose', async () => {
    purge.stop();
    // Accepted decisions are committed before the database closes.
    await writer.drain();
  });
  return { db, models, catalog, window, writer, evaluate, evaluations: createEvaluationsRepository(db), incidents: createIncidentsRepository(db), purge };
}

export type MonitoringContext = ReturnType<typeof createMonitoringContext>;

import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import datasetsRoutes from '../datasets/datasets-routes.ts';
import jobsRoutes from '../jobs/jobs-routes.ts';
import { createJobWorker } from '../jobs/job-worker.ts';
import type { QueueStats } from '../jobs/jobs-repository.ts';
import reportsRoutes from '../reports/reports-routes.ts';
import analysesRoutes from './analyses-routes.ts';
import { createAnalysesContext } from './analyses-context.ts';
import { analysesSettings, type AnalysesEnv } from './analyses-settings.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Queue depth and oldest queued job age, for metrics and /health/dependencies. */
    jobQueue: { stats(): Promise<QueueStats> };
    /** ai-core circuit state as seen by this process: 'closed' | 'open' | 'half-open' | 'isolated'. */
    aiCoreCircuit(): string;
    /** true when ai-core answers its liveness probe. */
    aiCoreReachable(): Promise<boolean>;
  }
}

const CIRCUIT_NAMES = ['closed', 'open', 'half-open', 'isolated'];

/**
 * Datasets, analyses, reports and jobs: one area sharing one context (repositories, ai-core
 * client, runner) and one job worker per process, started when the app is ready and stopped
 * before the database closes. Registered once from features.ts.
 */
async function analysesArea(fastify: FastifyInstance, opts: { overrides?: Partial<AnalysesEnv> }): Promise<void> {
  const settings = analysesSettings(fastify.config, fastify.secrets, opts.overrides);
  const ctx = createAnalysesContext(fastify.db, settings);
  const worker = createJobWorker(ctx, fastify.log, fastify.businessMetrics);

  fastify.decorate('jobQueue', { stats: () => ctx.jobs.stats() });
  fastify.decorate('aiCoreCircuit', () => CIRCUIT_NAMES[ctx.aiCore.circuitState] ?? 'unknown');
  fastify.decorate('aiCoreReachable', () => ctx.aiCore.probe());
  if (settings.JOB_WORKER) fastify.addHook('onReady', async () => worker.start());
  fastify.addHook('preClose', async () => worker.stop());
  fastify.addHook('onClose', async () => ctx.aiCore.close());

  await fastify.register(datasetsRoutes, { prefix: '/v1/datasets', ctx });
  await fastify.register(analysesRoutes, { prefix: '/v1/analyses', ctx });
  await fastify.register(reportsRoutes, { prefix: '/v1/reports', ctx });
  await fastify.register(jobsRoutes, { prefix: '/v1/jobs', ctx });
}

export default fp(analysesArea, { name: 'analyses', dependencies: ['config', 'db', 'auth'] });

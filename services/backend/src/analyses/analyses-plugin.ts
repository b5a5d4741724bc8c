import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { createAiCoreClient } from '../ai-core-client/ai-core-client.ts';
import { createDatasetsRepository } from '../datasets/datasets-repository.ts';
import { createJobWorker } from '../jobs/job-worker.ts';
import { createJobsRepository } from '../jobs/jobs-repository.ts';
import { createReportsRepository } from '../reports/reports-repository.ts';
import analysesRoutes from './analyses-routes.ts';
import { createAnalysesService, type AnalysesService } from './analyses-service.ts';
import { analysesSettings } from './analyses-settings.ts';
import { createAnalysisRunner } from './analysis-runner.ts';

declare module 'fastify' {
  interface FastifyInstance {
    analysesService: AnalysesService;
    /** ai-core circuit state as seen by this process: 'closed' | 'open' | 'half-open' | 'isolated'. */
    aiCoreCircuit(): string;
    /** true when ai-core answers its liveness probe. */
    aiCoreReachable(): Promise<boolean>;
  }
  interface FastifyRequest {
    /** POST /v1/analyses: the bytes the JSON body was parsed from (inline data is forwarded as is). */
    rawBody: Buffer | null;
  }
}

const CIRCUIT_NAMES = ['closed', 'open', 'half-open', 'isolated'];

/**
 * Analyses at /v1/analyses, and the job worker that runs the queued ones: one ai-core client and
 * one worker per process, started when the app is ready and stopped before the database closes.
 */
async function analysesPlugin(fastify: FastifyInstance): Promise<void> {
  const settings = analysesSettings(fastify.config, fastify.secrets);
  const db = fastify.db;
  // Kysely's DB parameter is invariant: each repository sees only its own tables of the same instance.
  const narrow = <T>() => db as unknown as Kysely<T>;
  const datasets = createDatasetsRepository(narrow());
  const reports = createReportsRepository(narrow());
  const jobs = createJobsRepository(narrow());
  const idempotency = fastify.idempotency;
  const aiCore = createAiCoreClient(settings.aiCore);
  const runner = createAnalysisRunner({ db, aiCore, datasets, reports });
  const worker = createJobWorker(
    { db, jobs, reports, idempotency, runner, settings },
    fastify.log,
    fastify.businessMetrics,
  );

  fastify.decorate(
    'analysesService',
    createAnalysesService({ db, datasets, jobs, idempotency, runner, metrics: fastify.businessMetrics, settings }),
  );
  fastify.decorate('aiCoreCircuit', () => CIRCUIT_NAMES[aiCore.circuitState] ?? 'unknown');
  fastify.decorate('aiCoreReachable', () => aiCore.probe());
  if (settings.JOB_WORKER) fastify.addHook('onReady', async () => worker.start());
  fastify.addHook('preClose', async () => worker.stop());
  fastify.addHook('onClose', async () => aiCore.close());

  await fastify.register(
    async (scope) => {
      // The body is parsed and validated as usual; its bytes are kept too, for ai-core and the idempotency hash.
      const parseJson = scope.getDefaultJsonParser('error', 'error');
      scope.decorateRequest('rawBody', null);
      scope.addContentTypeParser(
        'application/json',
        { parseAs: 'buffer', bodyLimit: settings.ANALYSIS_BODY_LIMIT_BYTES },
        (request, raw, done) => {
          request.rawBody = raw as Buffer;
          parseJson(request, (raw as Buffer).toString('utf8'), done);
        },
      );
      await scope.register(analysesRoutes, { bodyLimit: settings.ANALYSIS_BODY_LIMIT_BYTES });
    },
    { prefix: '/v1/analyses' },
  );
}

export default fp(analysesPlugin, {
  name: 'analyses',
  dependencies: ['config', 'db', 'auth', 'business-metrics', 'idempotency'],
});

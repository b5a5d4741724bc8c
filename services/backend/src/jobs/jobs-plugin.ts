import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { QueueStats } from './jobs-repository.ts';
import jobsRoutes from './jobs-routes.ts';
import { createJobsService, type JobsService } from './jobs-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobsService: JobsService;
    /** Queue depth and oldest queued job age, for metrics and /health/dependencies. */
    jobQueue: { stats(): Promise<QueueStats> };
  }
}

/** Jobs at /v1/jobs. The worker that runs them belongs to the analyses feature (it runs analyses). */
async function jobsPlugin(fastify: FastifyInstance): Promise<void> {
  const jobs = createJobsService(fastify.db);
  fastify.decorate('jobsService', jobs);
  fastify.decorate('jobQueue', { stats: () => jobs.stats() });
  await fastify.register(jobsRoutes, { prefix: '/v1/jobs' });
}

export default fp(jobsPlugin, { name: 'jobs', dependencies: ['db', 'auth'] });

import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { EnvConfig } from '../config/env.ts';
import type { Secrets } from '../config/secrets.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: EnvConfig;
    secrets: Secrets;
  }
}

export interface ConfigPluginOptions {
  config: EnvConfig;
  secrets: Secrets;
}

/** Exposes the frozen config and resolved secrets; nothing below reads the environment. */
async function configPlugin(fastify: FastifyInstance, opts: ConfigPluginOptions): Promise<void> {
  fastify.decorate('config', opts.config);
  fastify.decorate('secrets', opts.secrets);
}

export default fp(configPlugin, { name: 'config' });

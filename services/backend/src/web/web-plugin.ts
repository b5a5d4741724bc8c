import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ASSET_CACHE_CONTROL, INDEX_CACHE_CONTROL, UI_CSP } from './ui-headers.ts';
import { loadUiFiles } from './ui-files.ts';

export const UI_BASE = '/app/';

/**
 * The web UI at /app/: hashed assets from disk with an immutable cache lifetime, and index.html
 * (read once at start) for every other path under /app/, where the single-page app routes on
 * the client. With WEB_UI=false the backend serves the API only; otherwise a missing build stops
 * the start with a message naming it (ui-files.ts).
 */
async function webPlugin(fastify: FastifyInstance): Promise<void> {
  if (!fastify.config.WEB_UI) return;
  const ui = loadUiFiles(fastify.config.WEB_UI_DIR);
  const routeConfig = { public: true };

  await fastify.register(async (assets) => {
    // Assets are public like index.html: the page needs them before anyone has signed in.
    assets.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await assets.register(fastifyStatic, {
      root: ui.assetsDir,
      prefix: `${UI_BASE}assets/`,
      index: false,
      decorateReply: false,
      cacheControl: false,
      etag: true,
      lastModified: false,
      setHeaders: (res) => {
        res.header('cache-control', ASSET_CACHE_CONTROL);
      },
    });
  });

  const sendIndex = (_request: unknown, reply: FastifyReply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', INDEX_CACHE_CONTROL)
      .header('content-security-policy', UI_CSP)
      .send(ui.indexHtml);

  fastify.get('/', { config: routeConfig, schema: { hide: true } }, (_request, reply) => reply.redirect(UI_BASE, 302));
  fastify.get(UI_BASE.slice(0, -1), { config: routeConfig, schema: { hide: true } }, (_request, reply) =>
    reply.redirect(UI_BASE, 301),
  );
  fastify.get(UI_BASE, { config: routeConfig, schema: { hide: true } }, sendIndex);
  fastify.get(`${UI_BASE}*`, { config: routeConfig, schema: { hide: true } }, sendIndex);
}

export default fp(webPlugin, { name: 'web', dependencies: ['config', 'auth'] });

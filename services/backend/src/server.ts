import Fastify from 'fastify';
import fp from 'fastify-plugin';
import closeWithGrace from 'close-with-grace';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import serviceApp, { fastifyOptions } from './app.ts';
import { loadEnv } from './config/env.ts';
import { resolveSecrets } from './config/secrets.ts';
import { bootstrapFirstAdmin } from './orgs/first-admin.ts';

// The process: configuration, the app, first-run bootstrap, listen, graceful close. Nothing else.
const config = loadEnv();
const secrets = await resolveSecrets(config);
const app = Fastify(fastifyOptions(config)).withTypeProvider<TypeBoxTypeProvider>();
await app.register(fp(serviceApp), { config, secrets });

closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) app.log.error({ err }, 'closing after an error');
  await app.close();
});

await app.ready();
if (config.ETHIXAI_PROFILE === 'development') {
  await bootstrapFirstAdmin(app.db, (text) => process.stdout.write(text));
}
await app.listen({ port: config.PORT, host: config.HOST });

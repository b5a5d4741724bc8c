import closeWithGrace from 'close-with-grace';
import { buildBackend } from './backend.ts';
import { ConfigError, loadEnv } from './config/env.ts';
import { bootstrapFirstAdmin } from './orgs/first-admin.ts';

// The process: configuration, the app, first-run bootstrap, listen, graceful close. Nothing else.
async function main(): Promise<void> {
  const config = loadEnv();
  const { app, telemetry } = await buildBackend(config);

  closeWithGrace({ delay: 10_000, logger: app.log }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'closing');
    // /ready turns 503 first so load balancers stop routing here, then in-flight requests finish.
    telemetry.health.markShuttingDown();
    await app.close();
    await telemetry.tracing?.shutdown();
  });

  if (config.ETHIXAI_PROFILE === 'development') {
    // Credentials go to stdout once, never to the (shipped, retained) log stream.
    await bootstrapFirstAdmin(app.db, (text) => process.stdout.write(text));
  }
  await app.listen({ port: config.PORT, host: config.HOST });
}

try {
  await main();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  // A configuration problem is the operator's to fix: one clear line, no stack trace.
  process.stderr.write(`ethixai-backend: ${err.message}\n`);
  process.exit(78); // EX_CONFIG
}

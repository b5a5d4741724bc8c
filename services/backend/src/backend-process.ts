import { runService } from '@ethixai/service-kit';
import { buildBackend } from './backend.ts';
import { loadEnv } from './config/env.ts';
import { readAdminPasswordFile } from './orgs/admin-password.ts';
import { ensureFirstAdmin } from './orgs/first-admin.ts';
import { SERVICE_NAME } from './telemetry-config.ts';

// The process: configuration, the app and first-run bootstrap; the kit's runService listens and
// closes gracefully (/ready 503, drain, in-flight requests finish, spans flushed). A bad
// configuration exits 78 with one line naming every bad variable.
await runService({
  name: SERVICE_NAME,
  async build() {
    const config = loadEnv();
    const password =
      config.ADMIN_PASSWORD_FILE === undefined
        ? undefined
        : readAdminPasswordFile('ADMIN_PASSWORD_FILE', config.ADMIN_PASSWORD_FILE);
    const { app, telemetry } = await buildBackend(config);
    // A generated password goes to stdout once (development only), never to the log stream.
    await ensureFirstAdmin(app.db, {
      profile: config.ETHIXAI_PROFILE,
      password,
      print: (text) => process.stdout.write(text),
      warn: (text) => app.log.warn(text),
    });
    return {
      app,
      host: config.HOST,
      port: config.PORT,
      shutdown: { drainDelayMs: config.SHUTDOWN_DRAIN_MS, timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
      // Pending log lines are written synchronously by pino's own exit hook.
      afterClose: () => telemetry.shutdown(),
    };
  },
});

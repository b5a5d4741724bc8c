/**
 * One process hosting several complete backends, each with its own observability configuration,
 * port and SQLite file, for `npm run bench:observability-paired` (tools/bench). Separate processes
 * of the same configuration differ by up to 40 % CPU per request on this machine for their whole
 * life (docs/performance-observability.md); backends that share one process share its heap, JIT
 * and memory placement, so slices taken in turns against them differ only by their configuration.
 *
 * Each app is built by `buildBackend`, as server.ts builds the backend.
 * Input: BENCH_APPS, a JSON array of { id, env } (env: the backend's documented knobs, on top of
 * this process's environment), and BENCH_DIR. Each app gets BENCH_DIR/<n>/ as DATA_DIR. When all
 * listen, BENCH_DIR/apps.json lists { id, url, password } (the first admin of each). SIGTERM
 * closes every app and flushes its spans.
 *
 * Process-wide parts are shared and land on every app alike: the stdout log buffer, and the
 * default runtime metrics' GC observer and event-loop timer (one set per app with metrics on).
 * The first app with tracing registers the global tracer and propagator; the evaluate path uses
 * only each app's own tracer.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBackend, type Backend } from '../src/backend.ts';
import { parseEnv } from '../src/config/env.ts';
import { bootstrapFirstAdmin } from '../src/orgs/first-admin.ts';

interface AppSpec {
  id: string;
  env: Record<string, string>;
}

interface HostedApp extends Backend {
  id: string;
  url: string;
  password: string;
}

function specs(): AppSpec[] {
  const raw: unknown = JSON.parse(process.env.BENCH_APPS ?? '[]');
  if (!Array.isArray(raw) || raw.length === 0) throw new Error('BENCH_APPS must be a non-empty JSON array of { id, env }');
  return raw.map((s: AppSpec) => ({ id: String(s.id), env: { ...s.env } }));
}

async function host(spec: AppSpec, dataDir: string): Promise<HostedApp> {
  mkdirSync(dataDir, { recursive: true });
  const config = parseEnv({ ...process.env, ...spec.env, DATA_DIR: dataDir, ETHIXAI_PROFILE: 'development' });
  const { app, telemetry } = await buildBackend(config);
  let printed = '';
  await bootstrapFirstAdmin(app.db, (text) => {
    printed += text;
  });
  const password = /password: (\S+)/.exec(printed)?.[1];
  if (password === undefined) throw new Error(`${spec.id}: no first admin was created in ${dataDir}`);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { id: spec.id, url, password, app, telemetry };
}

const dir = process.env.BENCH_DIR;
if (dir === undefined) throw new Error('BENCH_DIR is required');
const apps: HostedApp[] = [];
for (const [n, spec] of specs().entries()) apps.push(await host(spec, join(dir, String(n))));

process.once('SIGTERM', () => {
  void Promise.all(apps.map(async ({ app, telemetry }) => {
    await app.close();
    await telemetry.tracing?.shutdown();
  })).finally(() => process.exit(0));
});

// Written whole, then renamed: the driver never reads half a file.
writeFileSync(join(dir, 'apps.json.tmp'), JSON.stringify(apps.map(({ id, url, password }) => ({ id, url, password }))));
renameSync(join(dir, 'apps.json.tmp'), join(dir, 'apps.json'));

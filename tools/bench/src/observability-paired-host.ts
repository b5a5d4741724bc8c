/**
 * The driver's side of services/backend/bench/observability-paired-host.ts: one backend process
 * hosting one complete backend per configuration, each seen by the bench as a Stack of its own
 * (own URL, API key, model, receiver) whose CPU is the shared process's. Only one app is loaded at
 * a time, so the process's CPU over a slice is that app's.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCountingReceiver, type SpanTally } from './observability-otlp-receiver.ts';
import { pinServices, provisionBench, spawnService, stopService, tail, type Stack, type StackConfig } from './observability-stack.ts';

const HOST_SCRIPT = 'services/backend/bench/observability-paired-host.ts';
// Pending spans are exported every 100 ms instead of the SDK's 5 s, so a tracing app's exports
// run within its own slice, not in another app's. Smaller, more frequent exports cost a little
// more per span: the tracing figures err on the high side.
const EXPORT_DELAY_MS = 100;

/**
 * Runs `use` on one fresh host process (pinned to `cpu` once its apps listen) serving every config,
 * then stops it gracefully (pending spans reach the receivers) and removes it. Returns what `use`
 * returned and, per config, what its receiver counted (undefined without tracing).
 */
export async function withPairedHost<C extends StackConfig, T>(configs: readonly C[], cpu: number, use: (stacks: Stack<C>[]) => Promise<T>): Promise<{ value: T; spans: (SpanTally | undefined)[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ethixai-obs-paired-'));
  const receivers = await Promise.all(configs.map((c) => (c.sampleRatio === undefined ? undefined : startCountingReceiver())));
  const apps = configs.map((c, i) => ({ id: c.id, env: { ...c.env, ...(receivers[i] ? { OTEL_EXPORTER_OTLP_ENDPOINT: receivers[i]!.url } : {}) } }));
  const host = spawnService('backend', dataDir, { BENCH_APPS: JSON.stringify(apps), BENCH_DIR: dataDir, RATE_LIMIT_USER_MAX: '100000000', OTEL_BSP_SCHEDULE_DELAY: String(EXPORT_DELAY_MS) }, 'paired', HOST_SCRIPT);
  try {
    const listed = join(dataDir, 'apps.json');
    for (const deadline = Date.now() + 180_000; !existsSync(listed);) {
      if (host.child.exitCode !== null) throw new Error(`paired host exited ${host.child.exitCode}: ${tail(host.logFile)}`);
      if (Date.now() > deadline) throw new Error(`paired host did not start: ${tail(host.logFile)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const served = JSON.parse(readFileSync(listed, 'utf8')) as { id: string; url: string; password: string }[];
    const services = { backend: host, 'ai-core': host };
    pinServices([{ services }], cpu);
    const stacks = await Promise.all(configs.map(async (config, i) => {
      const app = served.find((s) => s.id === config.id);
      if (app === undefined) throw new Error(`paired host did not serve ${config.id}`);
      return { config, services, backendUrl: app.url, aiCoreUrl: '', aiCoreToken: '', receiver: receivers[i], dataDir, ...(await provisionBench(app.url, app.password)) };
    }));
    const value = await use(stacks);
    await stopService(host.child);
    return { value, spans: receivers.map((r) => r?.tally()) };
  } finally {
    await stopService(host.child);
    await Promise.all(receivers.map((r) => r?.close()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEPENDENCY_AI_CORE, ROUTE_HEALTH_DEPENDENCIES } from '@ethixai/observability';
import { call } from './http-client.ts';
import { ServiceProcess, freePort, killAll } from './service-process.ts';

/**
 * Both services on random ports over one temporary DATA_DIR (SQLite under it), development
 * profile, started the way `npm start` does: backend first, because its first run writes
 * DATA_DIR/secrets.json (signing keys and AI_CORE_TOKEN) that ai-core then reads.
 */
export interface StackOptions {
  /** Extra environment for both services (e.g. tracing). */
  readonly env?: Record<string, string>;
  readonly backendEnv?: Record<string, string>;
  readonly aiCoreEnv?: Record<string, string>;
}

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

export class Stack {
  backend!: ServiceProcess;
  aiCore!: ServiceProcess;
  private backendPort = 0;
  private aiCorePort = 0;
  readonly dataDir: string;
  private readonly options: StackOptions;

  private constructor(dataDir: string, options: StackOptions) {
    this.dataDir = dataDir;
    this.options = options;
  }

  static async start(options: StackOptions = {}): Promise<Stack> {
    const stack = new Stack(mkdtempSync(path.join(tmpdir(), 'ethixai-e2e-')), options);
    try {
      stack.backendPort = await freePort();
      stack.aiCorePort = await freePort();
      await stack.startBackend();
      await stack.startAiCore();
      await stack.waitForAiCoreInUse();
      return stack;
    } catch (error) {
      await stack.destroy();
      throw error;
    }
  }

  private baseEnv(): Record<string, string> {
    return { ETHIXAI_PROFILE: 'development', DATA_DIR: this.dataDir, LOG_LEVEL: 'info', ...this.options.env };
  }

  /** (Re)starts the backend on the same port and DATA_DIR; `extraEnv` adds to (or overrides) its environment. */
  async startBackend(extraEnv: Record<string, string> = {}): Promise<ServiceProcess> {
    this.backend = new ServiceProcess('backend', this.backendPort, {
      ...this.baseEnv(),
      AI_CORE_URL: `http://127.0.0.1:${this.aiCorePort}`,
      // The tests poll jobs and make many calls as one user; the default 100/min would turn
      // a slow machine's polling into 429s that have nothing to do with what is tested.
      RATE_LIMIT_USER_MAX: '2000',
      ...this.options.backendEnv,
      ...extraEnv,
    });
    await this.backend.waitReady();
    return this.backend;
  }

  /** (Re)starts ai-core on the same port; it reads AI_CORE_TOKEN from DATA_DIR/secrets.json. */
  async startAiCore(): Promise<ServiceProcess> {
    this.aiCore = new ServiceProcess('ai-core', this.aiCorePort, { ...this.baseEnv(), ...this.options.aiCoreEnv });
    await this.aiCore.waitReady();
    return this.aiCore;
  }

  /**
   * Waits until the backend's own view has ai-core up with a closed circuit. A backend started
   * before ai-core has seen it absent and marked it unresponsive; it takes ai-core back on a later
   * probe, and analyses sent before then answer a fast 503 by design. Only for a backend whose
   * circuit has not opened on failed calls: that one closes on the next call, never by waiting.
   */
  async waitForAiCoreInUse(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await call(this.backend.url, 'GET', ROUTE_HEALTH_DEPENDENCIES);
      const aiCore = res.json<{ dependencies: Record<string, { status: string; circuit?: string }> }>().dependencies[
        DEPENDENCY_AI_CORE
      ];
      if (aiCore?.status === 'up' && aiCore.circuit === 'closed') return;
      if (Date.now() > deadline)
        throw new Error(`the backend did not take ai-core into use within ${timeoutMs} ms: ${res.text}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /**
   * The first admin's credentials as the backend printed them on stdout (development profile,
   * first run only). They are printed before the port opens, but the pipe may deliver them a
   * moment after /ready answered, hence the short wait.
   */
  async waitForPrintedAdmin(timeoutMs = 10_000): Promise<Credentials> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.printedAdmin();
      if (found !== null) return found;
      if (Date.now() > deadline)
        throw new Error(`the backend printed no admin credentials; stdout:\n${this.backend.stdout().join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The credentials this backend process printed so far, or null (there are none after the first run). */
  printedAdmin(): Credentials | null {
    const text = this.backend.stdout().join('\n');
    const email = /^\s*email:\s+(\S+)\s*$/m.exec(text)?.[1];
    const password = /^\s*password:\s+(\S+)\s*$/m.exec(text)?.[1];
    return email === undefined || password === undefined ? null : { email, password };
  }

  /**
   * Turns the incidents webhook on: restarts the backend (same port and DATA_DIR) with
   * INCIDENTS_ORG_ID naming the organisation of `adminToken`'s user, which the first run created
   * (the webhook's organisation must exist when the backend starts), plus `extraEnv`.
   */
  async enableIncidentsWebhook(adminToken: string, extraEnv: Record<string, string> = {}): Promise<void> {
    const { orgId } = (await call(this.backend.url, 'GET', '/v1/auth/me', { token: adminToken })).json<{
      orgId: string;
    }>();
    await this.backend.kill();
    await this.startBackend({ INCIDENTS_ORG_ID: orgId, ...extraEnv });
  }

  /** The scrape credential both services generated into DATA_DIR/secrets/metrics-token (development profile). */
  metricsToken(): string {
    return readFileSync(path.join(this.dataDir, 'secrets', 'metrics-token'), 'utf8').trim();
  }

  /** Headers for GET /metrics on either service. */
  metricsAuth(): Record<string, string> {
    return { authorization: `Bearer ${this.metricsToken()}` };
  }

  /** Kills both processes and removes the data directory. */
  async destroy(): Promise<void> {
    await killAll();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { REPO_ROOT, serviceEntry, type ServiceName } from './paths.ts';

/**
 * One service as a real child process (`node services/<svc>/src/server.ts`) with
 * exactly the environment the test gives it: nothing leaks in from the runner's environment
 * (no DATABASE_URL, no profile), so every run is the embedded default unless the test says so.
 */
export class ServiceProcess {
  readonly url: string;
  private readonly child: ChildProcess;
  private readonly stdoutLines: string[] = [];
  private stderrText = '';
  private readonly exited: Promise<unknown>;
  readonly service: ServiceName;
  readonly port: number;

  constructor(service: ServiceName, port: number, env: Record<string, string>) {
    this.service = service;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, [serviceEntry(service)], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = once(this.child, 'exit');
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.stdoutLines.push(line));
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrText += chunk.toString('utf8');
    });
    LIVE.add(this);
    void this.exited.then(() => LIVE.delete(this));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get exitStatus(): { code: number | null; signal: NodeJS.Signals | null } {
    return { code: this.child.exitCode, signal: this.child.signalCode };
  }

  /** Everything the process wrote to stdout so far, line by line (JSON logs and plain text). */
  stdout(): string[] {
    return [...this.stdoutLines];
  }

  stderr(): string {
    return this.stderrText;
  }

  /** The stdout lines that are JSON objects (the service's log lines). */
  logs(): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const line of this.stdoutLines) {
      if (!line.startsWith('{')) continue;
      try {
        out.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // a partial or non-JSON line; the log assertions only look at whole objects
      }
    }
    return out;
  }

  /** Polls `/ready` until it answers 200; fails at once, with stderr, if the process exits. */
  async waitReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive)
        throw new Error(
          `${this.service} exited (${JSON.stringify(this.exitStatus)}) before it was ready; stderr:\n${this.stderrText}`,
        );
      try {
        const res = await fetch(`${this.url}/ready`, { signal: AbortSignal.timeout(5_000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${this.service} was not ready at ${this.url} within ${timeoutMs} ms; stderr:\n${this.stderrText}`);
  }

  /** SIGKILL: a crash, not a graceful close. Resolves once the process is gone. */
  async kill(): Promise<void> {
    this.killNow();
    await this.exited;
  }

  killNow(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }
}

const LIVE = new Set<ServiceProcess>();

/** Kills every service process still running (afterAll, also after a failed test). */
export async function killAll(): Promise<void> {
  await Promise.all([...LIVE].map((p) => p.kill()));
}

// Last resort if the runner exits without afterAll (a crash of the test process itself).
process.once('exit', () => {
  for (const p of LIVE) p.killNow();
});

/** A port that was free a moment ago (bind to 0, read it, release it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not allocate a port');
  return address.port;
}

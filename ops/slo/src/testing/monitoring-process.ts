import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * Prometheus or Alertmanager as a child process on loopback. Its log goes to a buffer the test
 * prints when something fails; stop() sends SIGTERM and SIGKILLs after a grace period.
 */
export class MonitoringProcess {
  readonly name: string;
  readonly url: string;
  private readonly child: ChildProcess;
  private readonly exited: Promise<unknown>;
  private logText = '';

  constructor(name: string, bin: string, args: readonly string[], port: number) {
    this.name = name;
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn(bin, [...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
    this.exited = once(this.child, 'exit');
    const keep = (chunk: Buffer) => {
      this.logText = (this.logText + chunk.toString('utf8')).slice(-20_000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    LIVE.add(this);
    void this.exited.then(() => LIVE.delete(this));
  }

  get log(): string {
    return this.logText;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`${this.name} exited before it was ready:\n${this.logText}`);
      try {
        const res = await fetch(`${this.url}/-/ready`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms:\n${this.logText}`);
  }

  killNow(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }

  async stop(graceMs = 5_000): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

const LIVE = new Set<MonitoringProcess>();

process.once('exit', () => {
  for (const p of LIVE) p.killNow();
});

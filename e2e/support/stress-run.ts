/**
 * `npm run stress` as a child process against a running e2e Stack, serving its live metrics on
 * `--metrics-port`: the way an operator runs it against the compose stack.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './paths.ts';
import type { Credentials, Stack } from './stack.ts';

export interface StressRunOptions {
  readonly stack: Stack;
  readonly admin: Credentials;
  /** The scenario, written to a file the CLI loads (validated by its schema). */
  readonly scenario: { readonly name: string } & Record<string, unknown>;
  readonly metricsPort: number;
  readonly metricsTokenFile: string;
  readonly lingerSeconds: number;
}

export interface StressRunEnd {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The run's JSON result (OUT/<scenario>.json) as text, when the CLI wrote it. */
  readonly resultFile: string;
}

export class StressRun {
  readonly ended: Promise<StressRunEnd>;
  private readonly dir: string;
  private readonly listeners: ((stderrSoFar: string) => void)[] = [];

  constructor(o: StressRunOptions) {
    this.dir = mkdtempSync(path.join(tmpdir(), 'ethixai-e2e-stress-'));
    const file = path.join(this.dir, `${o.scenario.name}.scenario.json`);
    writeFileSync(file, JSON.stringify(o.scenario));
    const out = path.join(this.dir, 'out');
    const child = spawn(
      process.execPath,
      [
        path.join(REPO_ROOT, 'tools/stress/src/cli.ts'),
        file,
        '--backend',
        o.stack.backend.url,
        '--ai-core',
        o.stack.aiCore.url,
        '--email',
        o.admin.email,
        '--password',
        o.admin.password,
        '--metrics-token-file',
        o.metricsTokenFile,
        '--metrics-port',
        String(o.metricsPort),
        '--metrics-linger',
        String(o.lingerSeconds),
        '--out',
        out,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      for (const l of this.listeners) l(stderr);
    });
    this.ended = once(child, 'exit').then(([code]) => ({
      code: code as number | null,
      stdout,
      stderr,
      resultFile: path.join(out, `${o.scenario.name}.json`),
    }));
    process.once('exit', () => child.kill('SIGKILL'));
  }

  /** Called with the whole stderr so far at each chunk (the CLI logs its steps there). */
  onStderr(listener: (stderrSoFar: string) => void): void {
    this.listeners.push(listener);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

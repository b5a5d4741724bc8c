/**
 * runService in a real process (fixtures/demo-service.ts): the exit code and the one line of a
 * configuration error, and a graceful shutdown with a request in flight. Real processes on a
 * shared machine: generous timeouts, no timing assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const DEMO = fileURLToPath(new URL('./fixtures/demo-service.ts', import.meta.url));

interface Demo {
  child: ChildProcess;
  logs: { msg?: string; signal?: string }[];
  stderr: () => string;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
  /** Resolves when a log line with this msg appears (the listen line: its URL). */
  logged: (pattern: RegExp) => Promise<RegExpExecArray>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startDemo(env: Record<string, string>): Demo {
  const child = spawn(process.execPath, [DEMO], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const logs: Demo['logs'] = [];
  const waiters: [RegExp, (m: RegExpExecArray) => void][] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const entry = JSON.parse(line) as { msg?: string };
    logs.push(entry);
    for (const [pattern, resolve] of waiters) {
      const match = pattern.exec(String(entry.msg));
      if (match) resolve(match);
    }
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const logged = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const seen = logs.map((l) => pattern.exec(String(l.msg))).find((m) => m !== null);
      if (seen) return resolve(seen);
      waiters.push([pattern, resolve]);
      void exited.then(([code]) => reject(new Error(`demo exited (${code}) before logging ${pattern}: ${stderr}`)));
    });
  return { child, logs, stderr: () => stderr, exited, logged };
}

describe('runService', { timeout: 60_000 }, () => {
  it('exits 78 on a configuration error, with one line naming every bad variable and no stack', async () => {
    const demo = startDemo({ PORT: 'eighty', DRAIN_MS: '-1' });
    const [code] = await demo.exited;
    expect(code).toBe(78);
    expect(demo.stderr()).toBe(
      'demo-service: Invalid configuration: PORT: must be a whole number from 0 to 65535, got "eighty"; ' +
        'DRAIN_MS: must be a whole number of at least 0, got "-1"\n',
    );
    expect(demo.logs).toEqual([]);
  });

  it('on SIGTERM: /ready 503 during the drain, the in-flight request finishes, telemetry is flushed, exit 0', async () => {
    const demo = startDemo({ DRAIN_MS: '1000', SLOW_MS: '2500' });
    const [, url] = await demo.logged(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    const slow = fetch(`${url}/slow`).then(async (res) => [res.status, await res.json()]);
    await new Promise((resolve) => setTimeout(resolve, 200));

    demo.child.kill('SIGTERM');
    await demo.logged(/^closing$/);
    const draining = await fetch(`${url}/ready`);
    expect([draining.status, await draining.json()]).toEqual([
      503,
      {
        statusCode: 503,
        code: 'OBS_ERR_SHUTTING_DOWN',
        error: 'Service Unavailable',
        message: 'shutting down; no new traffic',
        status: 'shutting_down',
      },
    ]);

    expect(await slow).toEqual([200, { slept: 2500 }]);
    const [code, signal] = await demo.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const messages = demo.logs.map((l) => l.msg);
    expect(demo.logs.find((l) => l.msg === 'closing')?.signal).toBe('SIGTERM');
    expect(messages.indexOf('telemetry flushed')).toBeGreaterThan(messages.indexOf('closing'));
    expect(demo.stderr()).toBe('');
  });

  it('exits 1 when closing outlasts the drain delay plus the timeout', async () => {
    const demo = startDemo({ TIMEOUT_MS: '300', SLOW_MS: '60000' });
    const [, url] = await demo.logged(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
    const stuck = fetch(`${url}/slow`).catch(() => 'cut off');
    await new Promise((resolve) => setTimeout(resolve, 200));
    demo.child.kill('SIGTERM');
    const [code] = await demo.exited;
    expect(code).toBe(1);
    expect(demo.logs.map((l) => l.msg)).toContain('killed by timeout (300ms)');
    expect(demo.logs.map((l) => l.msg)).not.toContain('telemetry flushed');
    expect(await stuck).toBe('cut off');
  });
});

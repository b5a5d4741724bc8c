/**
 * The real process: `node src/server.ts` on a random port, one real analysis over
 * HTTP, then SIGTERM: /ready answers 503 during the drain delay and the process exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { METRICS_AUTH, TEST_METRICS_TOKEN_FILE, TEST_TOKEN } from './helper.ts';
import { COLUMNS, CONFIG, EXPECTED_GROUPS, groupCounts } from './fixtures.ts';

const SERVICE_DIR = fileURLToPath(new URL('..', import.meta.url));

interface Started {
  child: ChildProcess;
  baseUrl: string;
  logs: Record<string, unknown>[];
}

async function start(): Promise<Started> {
  const child = spawn(process.execPath, ['src/server.ts'], {
    cwd: SERVICE_DIR,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      AI_CORE_TOKEN: TEST_TOKEN,
      METRICS_TOKEN_FILE: TEST_METRICS_TOKEN_FILE,
      AI_CORE_SHUTDOWN_DRAIN_MS: '700',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(entry.msg));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return { child, baseUrl, logs };
}

describe('ai-core process', () => {
  let started: Started | undefined;
  afterAll(() => {
    if (started?.child.exitCode === null) started.child.kill('SIGKILL');
  });

  it('serves a real analysis over HTTP and shuts down gracefully on SIGTERM', async () => {
    started = await start();
    const { child, baseUrl, logs } = started;

    const res = await fetch(`${baseUrl}/v1/analyze`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ config: CONFIG, data: { columns: COLUMNS } }),
    });
    expect(res.status).toBe(200);
    expect(groupCounts((await res.json()) as Parameters<typeof groupCounts>[0])).toEqual(EXPECTED_GROUPS);
    expect((await fetch(`${baseUrl}/ready`)).status).toBe(200);
    // The scrape needs the credential of METRICS_TOKEN_FILE; without it: 401 in the error body.
    const anonymous = await fetch(`${baseUrl}/metrics`);
    expect([anonymous.status, ((await anonymous.json()) as { code: string }).code]).toEqual([
      401,
      'AIC_ERR_METRICS_UNAUTHORIZED',
    ]);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    const wrong = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(wrong.status).toBe(401);
    const scrape = await fetch(`${baseUrl}/metrics`, { headers: METRICS_AUTH });
    expect([scrape.status, (await scrape.text()).includes('http_requests_total')]).toEqual([200, true]);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const duringDrain = await fetch(`${baseUrl}/ready`);
    expect(duringDrain.status).toBe(503);
    expect(await duringDrain.json()).toMatchObject({ statusCode: 503, code: 'OBS_ERR_SHUTTING_DOWN' });

    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(logs.some((entry) => entry.msg === 'closing' && entry.signal === 'SIGTERM')).toBe(true);
    expect(logs.every((entry) => entry.service === 'ethixai-ai-core')).toBe(true);
  }, 40_000);

  it('refuses to start in production without the service token', async () => {
    const child = spawn(process.execPath, ['src/server.ts'], {
      cwd: SERVICE_DIR,
      env: { PATH: process.env.PATH, PORT: '0', ETHIXAI_PROFILE: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(78);
    expect(stderr).toBe(
      'ethixai-ai-core: Invalid configuration: AI_CORE_TOKEN: required in the production profile; ' +
        'METRICS_TOKEN_FILE: required in the production profile (a file holding the bearer token Prometheus scrapes /metrics with)\n',
    );
  }, 30_000);
});

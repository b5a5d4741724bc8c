import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEntry, startServer } from '../process.ts';
import { productionEnv as productionEnvOf } from '../production-env.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-web-proc-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The production profile with every secret given, as a deployment runs it. */
async function productionEnv(): Promise<Record<string, string>> {
  const { env, dir } = await productionEnvOf(tempDir());
  dirs.push(dir);
  return env;
}

describe('the production start and the UI build', { timeout: 120_000 }, () => {
  it('refuses to start without the build, naming it (exit 78)', async () => {
    const missing = tempDir();
    const run = await runEntry('server.ts', [], { ...(await productionEnv()), WEB_UI_DIR: missing });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain(
      `WEB_UI_DIR: the web UI build is missing: ${path.join(missing, 'index.html')} does not exist. Build it with \`npm run build\``,
    );
  });

  it('serves the built UI (web/dist, built by npm ci) with its CSP', async () => {
    const server = startServer(await productionEnv());
    const { url } = await server.ready;
    try {
      const res = await fetch(`${url}/app/`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await res.text();
      const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html);
      expect(script).not.toBeNull();
      const asset = await fetch(`${url}${script![1]}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    } finally {
      await server.stop();
    }
  });
});

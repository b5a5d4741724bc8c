import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helper.ts';
import { ASSET_CACHE_CONTROL, UI_CSP } from '../../src/web/ui-headers.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-web-'));
  dirs.push(dir);
  return dir;
}

/** A built UI as Vite lays it out: index.html and content-hashed assets. */
function fakeBuild(): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/app/assets/index-abc123.js"></script><div id="root"></div>',
  );
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("ui")');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.css'), 'body{}');
  return dir;
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the web UI routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ WEB_UI_DIR: fakeBuild() });
  });
  afterAll(() => t.close());

  it("answers index.html for /app/ and every client route under it, no-cache, with the UI's strict CSP, without credentials", async () => {
    for (const url of [
      '/app/',
      '/app/reports',
      '/app/reports/7b0c7f5e-7c43-4a59-9b53-0d5c2b0e3f60',
      '/app/datasets?x=1',
    ]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(UI_CSP);
      expect(res.body).toContain('/app/assets/index-abc123.js');
    }
    expect(UI_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https:|\*/);
    expect(UI_CSP).toContain("script-src 'self'");
    expect(UI_CSP).toContain("frame-ancestors 'none'");
  });

  it('serves hashed assets immutable for a year, with their media type and an ETag', async () => {
    const js = await t.app.inject({ url: '/app/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(js.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
    expect(js.headers.etag).toBeDefined();
    expect(js.body).toBe('console.log("ui")');
    expect((await t.app.inject({ url: '/app/assets/index-abc123.css' })).headers['content-type']).toMatch(/^text\/css/);
    const again = await t.app.inject({
      url: '/app/assets/index-abc123.js',
      headers: { 'if-none-match': js.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  it("answers a missing asset 404 in the API's error shape, never index.html", async () => {
    const res = await t.app.inject({ url: '/app/assets/nope-000.js' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('<div id="root">');
  });

  it('redirects / and /app to /app/, and leaves the API to the API', async () => {
    expect((await t.app.inject({ url: '/' })).headers.location).toBe('/app/');
    expect((await t.app.inject({ url: '/app' })).headers.location).toBe('/app/');
    const api = await t.app.inject({ url: '/v1/datasets' });
    expect([api.statusCode, api.json().code]).toEqual([401, 'BE_ERR_UNAUTHENTICATED']);
  });

  it('is left out of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json();
    expect(Object.keys(doc.paths).filter((p: string) => p === '/' || p.startsWith('/app'))).toEqual([]);
  });
});

describe('without a UI build', () => {
  it('refuses to build the app, naming the missing file and how to build it', async () => {
    const empty = tempDir();
    await expect(build({ WEB_UI_DIR: empty })).rejects.toThrow(
      `WEB_UI_DIR: the web UI build is missing: ${path.join(empty, 'index.html')} does not exist. Build it with \`npm run build\` (npm ci runs it), or set WEB_UI=false to serve the API only`,
    );
  });

  it('serves the API only with WEB_UI=false', async () => {
    const t = await build({ WEB_UI: 'false', WEB_UI_DIR: tempDir() });
    try {
      expect((await t.app.inject({ url: '/app/' })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

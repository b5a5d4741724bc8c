import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('npm start', { timeout: 120_000 }, () => {
  it('stops with a message naming the missing UI build instead of restarting the backend', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-start-'));
    const missing = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-start-ui-'));
    dirs.push(dataDir, missing);
    const child = spawn(process.execPath, [path.join(ROOT, 'tools/dev/start.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: dataDir,
        WEB_UI_DIR: missing,
        PORT: '0',
        AI_CORE_PORT: '0',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(
      `the web UI build is missing: ${path.join(missing, 'index.html')} does not exist. Build it with \`npm run build\``,
    );
    expect(stderr).toContain('ethixai: backend refused its configuration (exit 78, see above); stopping');
    expect(stderr).not.toContain('restarting');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { buildCli } from './build-cli.ts';
import { buildWeb, WEB_DIST } from './build-web.ts';

const WEB_ROOT = path.dirname(WEB_DIST);

/** Newest modification time under `dir` (files only). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** The web build is stale when a source, index.html or the Vite config changed after it. */
function webBuildStale(): boolean {
  const index = path.join(WEB_DIST, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const sources = Math.max(
    newest(path.join(WEB_ROOT, 'src')),
    ...['index.html', 'vite.config.ts'].map((f) => fs.statSync(path.join(WEB_ROOT, f)).mtimeMs),
  );
  return sources > built;
}

/**
 * Tests run the shipped CLI bundle, so every run builds it from the current sources first. The
 * backend serves web/dist (its tests and the browser tests need it): rebuilt here, before any
 * test process starts, when it is missing or older than its sources.
 */
export default async function setup(): Promise<void> {
  await buildCli();
  if (webBuildStale()) await buildWeb();
}

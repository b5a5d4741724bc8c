import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@ethixai/service-kit';

/** web/dist of this checkout: where `npm run build` (the root prepare script) writes the UI. */
export const DEFAULT_UI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

export interface UiFiles {
  readonly dir: string;
  readonly assetsDir: string;
  readonly indexHtml: Buffer;
}

/** The built UI, or a ConfigError naming the missing build and how to make it. */
export function loadUiFiles(dir: string = DEFAULT_UI_DIR): UiFiles {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) {
    throw new ConfigError({
      name: 'WEB_UI_DIR',
      problem: `the web UI build is missing: ${index} does not exist. Build it with \`npm run build\` (npm ci runs it), or set WEB_UI=false to serve the API only`,
    });
  }
  return { dir, assetsDir: path.join(dir, 'assets'), indexHtml: fs.readFileSync(index) };
}

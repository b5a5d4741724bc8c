/**
 * Builds the web UI (web/) with Vite into web/dist, which the backend serves at /app/.
 */
import { fileURLToPath } from 'node:url';

const webRoot = fileURLToPath(new URL('../../web/', import.meta.url));
export const WEB_DIST = `${webRoot}dist`;

export async function buildWeb(): Promise<string> {
  const { build } = await import('vite');
  await build({ configFile: `${webRoot}vite.config.ts`, logLevel: 'warn' });
  return WEB_DIST;
}

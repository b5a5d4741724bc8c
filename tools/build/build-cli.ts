/**
 * Builds the `ethixai` CLI into one ES module, packages/cli/dist/ethixai.js, with the engine
 * inlined (the database drivers stay external dependencies). Installed packages must ship JavaScript (Node refuses to strip types under
 * node_modules), and one file starts faster than a module graph.
 */
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const cliRoot = fileURLToPath(new URL('../../packages/cli/', import.meta.url));
export const CLI_BUNDLE = `${cliRoot}dist/ethixai.js`;

export async function buildCli(): Promise<string> {
  await build({
    entryPoints: [`${cliRoot}src/main.ts`],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    banner: { js: '#!/usr/bin/env node' },
    legalComments: 'none',
    // Native or CommonJS drivers stay real dependencies of the CLI package (loaded on first use):
    // DuckDB's addon ships per platform as an optional dependency of @duckdb/node-bindings.
    external: ['@duckdb/node-api', 'pg', 'pg-native'],
    logLevel: 'warning',
  });
  await chmod(CLI_BUNDLE, 0o755);
  return CLI_BUNDLE;
}

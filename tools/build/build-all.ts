/**
 * `npm run build` (also the root `prepare` script, so `npm ci` builds): every artefact that ships
 * compiled: the CLI bundle and the web UI (web/dist). A production install (`npm ci --omit=dev`)
 * has no bundler; it says so and builds nothing, since such an install serves artefacts built
 * beforehand (see docs/deploy); the backend refuses to start when the UI build is missing.
 */
const omitted = (process.env.npm_config_omit ?? '').split(/[\s,]+/);
const bundlerPresent = await import('esbuild').then(
  () => true,
  () => false,
);

if (!bundlerPresent) {
  if (!omitted.includes('dev')) throw new Error('build: esbuild is not installed; run `npm ci` first');
  process.stdout.write('build: production install (dev dependencies omitted), nothing to build\n');
} else {
  const { buildCli } = await import('./build-cli.ts');
  process.stdout.write(`build: ${await buildCli()}\n`);
  const { buildWeb } = await import('./build-web.ts');
  process.stdout.write(`build: ${await buildWeb()}\n`);
}

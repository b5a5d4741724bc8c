import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/source-files.ts';

// The repository's own eslint.config.js, run over a small tree that mirrors the layout
// (fixtures/lint/{packages,services,tools}): each planted violation must be reported by the
// expected rule, and every other fixture file must pass.
const FIXTURES = path.join(REPO_ROOT, 'tools/repo/test/fixtures/lint');
const CONFIG = path.join(REPO_ROOT, 'eslint.config.js');

/** Which boundary a message is about, told apart by the wording of the config's messages. */
const KINDS: [kind: string, fragment: string][] = [
  ['packages-import-services', 'Packages never import services'],
  ['service-package', 'Do not import the '],
  ['service-internals', ' service never imports '],
  ['fastify-in-domain', 'stays free of Fastify'],
  ['impure-fairness', 'packages/fairness is pure'],
  ['library-internals', "Import the package's public entry point"],
];

const kindOf = (message: string) => KINDS.find(([, fragment]) => message.includes(fragment))?.[0] ?? message;

const PATHS = 'import-x/no-restricted-paths';
const IMPORTS = 'no-restricted-imports';
const SYNTAX = 'no-restricted-syntax';

/** Planted violations: file -> `line rule kind` of every message ESLint must give, and no others. */
const VIOLATIONS: Record<string, Record<string, string[]>> = {
  'packages never import services': {
    'packages/cli/src/service-by-path.ts': [`1 ${PATHS} packages-import-services`],
    'packages/cli/src/service-by-name.ts': [`1 ${IMPORTS} service-package`],
    'packages/cli/src/service-re-export.ts': [`1 ${PATHS} packages-import-services`],
    'packages/cli/src/service-dynamic-import.ts': [
      `1 ${SYNTAX} service-package`,
      `2 ${PATHS} packages-import-services`,
    ],
  },
  "a service never imports another service's internals": {
    'services/backend/src/ai-core-by-path.ts': [`1 ${PATHS} service-internals`],
    'services/backend/src/ai-core-by-name.ts': [`1 ${IMPORTS} library-internals`, `1 ${IMPORTS} service-package`],
    'services/ai-core/src/backend-by-path.ts': [`1 ${PATHS} service-internals`],
    'services/ai-core/src/analysis/backend-type.ts': [`1 ${SYNTAX} service-package`],
  },
  'domain code never imports Fastify': {
    'services/backend/src/gadgets/gadgets-service.ts': [`1 ${IMPORTS} fastify-in-domain`],
    'services/backend/src/gadgets/gadgets-repository.ts': [`1 ${IMPORTS} fastify-in-domain`],
    'services/backend/src/monitoring/live-window/window-state.ts': [`1 ${IMPORTS} fastify-in-domain`],
    'services/ai-core/src/analysis/fastify-logger.ts': [`1 ${SYNTAX} fastify-in-domain`],
    'packages/contracts/src/fastify-schema.ts': [`1 ${IMPORTS} fastify-in-domain`],
    'packages/fairness/src/fastify-type.ts': [`1 ${SYNTAX} fastify-in-domain`, `1 ${SYNTAX} impure-fairness`],
  },
  "no import of a library's internal paths": {
    'services/backend/src/plugins/library-internals.ts': [
      `1 ${IMPORTS} library-internals`, // @opentelemetry/sdk-trace-base/build/...
      `2 ${IMPORTS} library-internals`, // fastify/lib/...
      `3 ${IMPORTS} library-internals`, // kysely/dist/...
      `4 ${IMPORTS} library-internals`, // pino/lib/...
      `5 ${IMPORTS} library-internals`, // prom-client/lib/... (import type)
      `7 ${IMPORTS} library-internals`, // export ... from prom-client/lib/...
      `10 ${SYNTAX} library-internals`, // import('pino/lib/...')
    ],
    'packages/observability/src/sdk-internals.ts': [`4 ${SYNTAX} library-internals`],
  },
  'packages/fairness imports only its own modules': {
    'packages/fairness/src/reads-files.ts': [`1 ${IMPORTS} impure-fairness`],
    'packages/fairness/src/contracts-by-path.ts': [`1 ${PATHS} impure-fairness`],
  },
};

/** The layout as it should be, including imports the rules must allow. */
const CLEAN = [
  'packages/contracts/src/widgets.ts', // public subpath @sinclair/typebox/value
  'packages/fairness/src/counts.ts',
  'packages/fairness/src/rates.ts', // its own modules
  'packages/observability/src/logger.ts', // pino, prom-client, OTel through their entry points
  'services/ai-core/src/analysis/analyze.ts',
  'services/ai-core/src/app.ts',
  'services/backend/src/app.ts',
  'services/backend/src/widgets/widgets-plugin.ts', // plugins and routes use Fastify
  'services/backend/src/widgets/widgets-repository.ts', // kysely/migration is public
  'services/backend/src/widgets/widgets-routes.ts',
  'services/backend/src/widgets/widgets-service.ts',
  'services/backend/test/two-services.ts', // tests may start both services
  'tools/docs/src/openapi-apps.ts', // tools may load services
];

function fixtureFiles(dir = FIXTURES): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? fixtureFiles(full) : [path.relative(FIXTURES, full)];
  });
}

describe('eslint.config.js guards the layout', () => {
  const found = new Map<string, string[]>();
  const startDir = process.cwd();

  beforeAll(async () => {
    // import-x/no-restricted-paths resolves its zones against process.cwd(), as `npm run lint` at
    // the repository root does; here the fixture tree plays the repository.
    process.chdir(FIXTURES);
    const eslint = new ESLint({ cwd: FIXTURES, overrideConfigFile: CONFIG });
    for (const result of await eslint.lintFiles(['.'])) {
      const messages = result.messages.map((m) => `${m.line} ${m.ruleId} ${kindOf(m.message)}`);
      found.set(path.relative(FIXTURES, result.filePath), messages.sort());
    }
  });

  afterAll(() => process.chdir(startDir));

  it('every fixture file is either a planted violation or a clean file', () => {
    const listed = [...CLEAN, ...Object.values(VIOLATIONS).flatMap((group) => Object.keys(group))];
    expect(fixtureFiles().sort()).toEqual(listed.sort());
    expect([...found.keys()].sort()).toEqual(listed.sort());
  });

  for (const [boundary, files] of Object.entries(VIOLATIONS)) {
    describe(boundary, () => {
      it.each(Object.entries(files))('%s is reported', (file, expected) => {
        expect(found.get(file)).toEqual([...expected].sort());
      });
    });
  }

  it.each(CLEAN)('%s passes', (file) => {
    expect(found.get(file)).toEqual([]);
  });
});

describe('what ESLint skips in the repository', () => {
  // The root config for every path, as for `eslint .` at the root (ESLint 10 would otherwise look
  // up a config file beside each path, and some packages ship their own).
  const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfigFile: CONFIG });

  it.each([
    'node_modules/fastify/fastify.js',
    'packages/cli/dist/ethixai.js',
    'coverage/block-navigation.js',
    'tools/repo/test/fixtures/lint/packages/cli/src/service-by-path.ts',
  ])('ignores %s', async (file) => {
    expect(await eslint.isPathIgnored(path.join(REPO_ROOT, file))).toBe(true);
  });

  it.each(['packages/cli/src/main.ts', 'tools/repo/test/lint-boundaries.test.ts', 'eslint.config.js'])(
    'lints %s',
    async (file) => {
      expect(await eslint.isPathIgnored(path.join(REPO_ROOT, file))).toBe(false);
    },
  );
});

// Lint for the whole monorepo: the recommended rules of ESLint and typescript-eslint, plus the
// layout of docs/architecture.md as import rules. tools/repo/test/lint-boundaries.test.ts plants
// each kind of boundary violation in a fixture tree and checks that this file reports it.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** @typedef {{ regex: string, message: string }} Restriction */

const SERVICES = ['backend', 'ai-core'];

/**
 * A bare specifier that reaches into a package's build or source folders, e.g. pino/lib/symbols.js,
 * prom-client/lib/histogram.js, @opentelemetry/sdk-trace-base/build/src/..., kysely/dist/esm/...
 * Those files are not public API and move between releases. Public subpaths (kysely/migration,
 * @sinclair/typebox/value, @ethixai/observability/names) do not match.
 * @type {Restriction}
 */
const LIBRARY_INTERNALS = {
  regex: '^(?!node:)(?:@[^/]+/)?[^./][^/]*/(?:[^/]+/)*(?:lib|build|dist|src|esm|cjs|internals?)(?:/|$)',
  message: "Import the package's public entry point, not its internal files: they change between releases.",
};

/** @type {(service: string) => Restriction} a service's workspace package, e.g. @ethixai/backend/src/app.ts */
const servicePackage = (service) => ({
  regex: `^@ethixai/${service}(?:/|$)`,
  message: `Do not import the ${service} service: services talk HTTP through @ethixai/contracts; shared code lives in packages/.`,
});

/** @type {Restriction} */
const FASTIFY = {
  regex: '^(?:fastify|@fastify/[^/]+|fastify-plugin)(?:/|$)',
  message:
    'Domain code (feature services and repositories, the fairness engine, the contracts) stays free of Fastify: only plugins and routes use it.',
};

/** @type {Restriction} */
const PURE_FAIRNESS = {
  regex: '^(?!\\.)',
  message: 'packages/fairness is pure (no I/O, no runtime dependencies): it imports only its own modules.',
};

/**
 * The rules that forbid module specifiers: no-restricted-imports for import and export
 * declarations, no-restricted-syntax for import(), import('x').Type and require(). A later config
 * object replaces a rule's options rather than merging them, so each scope lists all of its own.
 * @param {Restriction[]} extra
 */
const restrictImports = (...extra) => {
  const restrictions = [LIBRARY_INTERNALS, ...extra];
  // esquery regex literals end at the first slash, so slashes are written as \x2F.
  const literal = (/** @type {Restriction} */ r) => `Literal[value=/${r.regex.replaceAll('/', '\\x2F')}/]`;
  return {
    'no-restricted-imports': ['error', { patterns: restrictions }],
    'no-restricted-syntax': [
      'error',
      ...restrictions.flatMap((r) => [
        { selector: `ImportExpression > ${literal(r)}.source`, message: r.message },
        { selector: `TSImportType > ${literal(r)}.source`, message: r.message },
        { selector: `CallExpression[callee.name="require"] > ${literal(r)}.arguments`, message: r.message },
      ]),
    ],
  };
};

/** Specifiers naming a service other than `service`. */
const otherServices = (/** @type {string} */ service) => SERVICES.filter((s) => s !== service).map(servicePackage);

/** Domain modules: the fairness engine and contracts, each feature's service and repository, and the code they build on. */
const DOMAIN_FILES = {
  backend: [
    'services/backend/src/**/*-service.ts',
    'services/backend/src/**/*-repository.ts',
    'services/backend/src/db/**/*.ts',
    'services/backend/src/monitoring/live-window/**/*.ts',
    'services/backend/src/monitoring/policies/**/*.ts',
    'services/backend/src/monitoring/risk/**/*.ts',
  ],
  'ai-core': ['services/ai-core/src/analysis/**/*.ts'],
};

export default defineConfig(
  globalIgnores([
    '**/dist/',
    '**/coverage/',
    '.data/',
    '.tmp/',
    'tools/bench/out/',
    // Planted violations: lint-boundaries.test.ts lints them on purpose.
    'tools/repo/test/fixtures/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    rules: {
      // `const { secret: _secret, ...rest } = x` is how the code drops a field from a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      ...restrictImports(),
      // Resolves relative paths, so ../../ai-core/src/app.ts is caught from any depth. Zones are
      // relative to the working directory: run ESLint from the repository root (npm run lint).
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './packages',
              from: './services',
              message: 'Packages never import services: imports point toward packages/.',
            },
            {
              target: './packages/fairness/src',
              from: './',
              except: ['./packages/fairness'],
              message: PURE_FAIRNESS.message,
            },
            ...SERVICES.flatMap((service) =>
              SERVICES.filter((other) => other !== service).map((other) => ({
                target: `./services/${service}/src`,
                from: `./services/${other}`,
                message: `The ${service} service never imports ${other}'s internals: services talk HTTP through @ethixai/contracts.`,
              })),
            ),
          ],
        },
      ],
    },
  },
  {
    // Tests (and their shared helpers in src/testing) walk parsed JSON, YAML and HCL of many
    // shapes and assert on them with matchers.
    files: ['**/test/**/*.ts', '**/src/testing/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  { files: ['packages/**/*.ts'], rules: restrictImports(...SERVICES.map(servicePackage)) },
  { files: ['packages/contracts/**/*.ts'], rules: restrictImports(...SERVICES.map(servicePackage), FASTIFY) },
  { files: ['packages/fairness/**/*.ts'], rules: restrictImports(...SERVICES.map(servicePackage), FASTIFY) },
  {
    files: ['packages/fairness/src/**/*.ts'],
    rules: restrictImports(...SERVICES.map(servicePackage), FASTIFY, PURE_FAIRNESS),
  },
  ...SERVICES.flatMap((service) => [
    { files: [`services/${service}/src/**/*.ts`], rules: restrictImports(...otherServices(service)) },
    { files: DOMAIN_FILES[service], rules: restrictImports(...otherServices(service), FASTIFY) },
  ]),
);

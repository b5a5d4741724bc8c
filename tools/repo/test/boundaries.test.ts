import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, listTsFiles, rel, REPO_ROOT } from '../src/source-files.ts';

// DESIGN §3: imports point toward packages/; services never import each other; fairness imports
// nothing; process.env is read in exactly one file per service.
const SERVICES = ['ai-core', 'backend'];

describe('import boundaries', () => {
  it('packages/fairness imports nothing outside itself (no I/O, no runtime dependencies)', () => {
    const offenders = listTsFiles('packages/fairness/src').flatMap((file) =>
      importsOf(file)
        .filter((spec) => !spec.startsWith('.'))
        .map((spec) => `${rel(file)} -> ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('packages never import services', () => {
    const offenders = listTsFiles('packages').flatMap((file) =>
      importsOf(file)
        .filter((spec) => /@ethixai\/(backend|ai-core)|services\//.test(spec))
        .map((spec) => `${rel(file)} -> ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it.each(SERVICES)('services/%s/src never imports another service', (service) => {
    const others = SERVICES.filter((s) => s !== service);
    const offenders = listTsFiles(`services/${service}/src`).flatMap((file) =>
      importsOf(file)
        .filter((spec) => {
          if (others.some((o) => spec === `@ethixai/${o}` || spec.startsWith(`@ethixai/${o}/`))) return true;
          if (!spec.startsWith('.')) return false;
          const target = path.resolve(path.dirname(file), spec);
          return !target.startsWith(path.join(REPO_ROOT, 'services', service) + path.sep);
        })
        .map((spec) => `${rel(file)} -> ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it.each(SERVICES)('services/%s reads process.env in exactly one file', (service) => {
    const readers = listTsFiles(`services/${service}/src`)
      .filter((file) => /process\.env\b/.test(fs.readFileSync(file, 'utf8')))
      .map(rel);
    expect(readers).toEqual([`services/${service}/src/config/env.ts`]);
  });

  it('libraries under packages/ never read process.env', () => {
    const readers = listTsFiles('packages')
      .filter((file) => file.includes(`${path.sep}src${path.sep}`))
      .filter((file) => !file.includes(`${path.sep}cli${path.sep}`))
      .filter((file) => /process\.env\b/.test(fs.readFileSync(file, 'utf8')))
      .map(rel);
    expect(readers).toEqual([]);
  });
});

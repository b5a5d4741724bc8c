import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTsFiles, rel } from '../src/source-files.ts';

// DESIGN §3: process.env is read in exactly one file per service, and never by a library.
// The import boundaries are lint rules (eslint.config.js, tested by lint-boundaries.test.ts).
const SERVICES = ['ai-core', 'backend'];

describe('process.env boundaries', () => {
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

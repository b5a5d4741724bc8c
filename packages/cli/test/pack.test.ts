/**
 * Issue 18, defect 7: the CLI users install is the `npm pack` tarball, installed without the
 * monorepo. It must run from node_modules as compiled JavaScript: Node refuses to strip types
 * there, and a dependency on the private engine package cannot be installed from a registry
 * (the database drivers of issue 23's pushdown audits are public packages, loaded on first use).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIASED_CSV } from './support/fixtures.ts';
import { ethixai, REPO_ROOT, scratch } from './support/run-cli.ts';

const files = scratch({ 'biased.csv': BIASED_CSV });
afterAll(files.cleanup);

describe('the packed CLI', () => {
  it('installs from its tarball into an empty folder, offline, and audits like the repository build', async () => {
    const packDir = join(files.dir, 'pack'),
      app = join(files.dir, 'app');
    mkdirSync(packDir);
    mkdirSync(app);
    execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], {
      cwd: join(REPO_ROOT, 'packages/cli'),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const tarball = join(
      packDir,
      readdirSync(packDir).find((f) => f.endsWith('.tgz'))!,
    );
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listing).toEqual(['package/dist/ethixai.js', 'package/package.json']);
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
    ) as Record<string, unknown>;
    // The engine and the pushdown code are bundled; the public database drivers (DuckDB's native
    // package, pg) are optional dependencies: installed from a registry, skipped offline.
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.optionalDependencies).toEqual({ '@duckdb/node-api': expect.any(String), pg: expect.any(String) });

    writeFileSync(join(app, 'package.json'), '{"name":"app","private":true}\n');
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', tarball], {
      cwd: app,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const bin = join(app, 'node_modules/.bin/ethixai');
    expect(readFileSync(bin, 'utf8')).not.toMatch(/\btsx\b|--experimental-strip-types/);
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toMatch(
      /^ethixai \(fairness engine \d+\.\d+\.\d+\)\n$/,
    );

    const args = [
      'audit',
      files.path('biased.csv'),
      '--label',
      'label',
      '--prediction',
      'pred',
      '--positive',
      '1',
      '--sensitive',
      'group',
      '--format',
      'json',
    ];
    const installed = JSON.parse(execFileSync(bin, args, { encoding: 'utf8', cwd: app })) as { verdicts: unknown };
    const repo = await ethixai(args);
    expect(repo.code).toBe(0);
    expect(installed.verdicts).toEqual((JSON.parse(repo.stdout) as { verdicts: unknown }).verdicts);

    // Offline, npm skipped the drivers: a pushdown audit says which one is missing, exit 4, no stack.
    const missing = await new Promise<{ code: number | null; stderr: string }>((done) => {
      execFile(bin, ['audit', 'decisions.parquet', ...args.slice(2, -2)], { cwd: app }, (error, _stdout, stderr) =>
        done({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr }),
      );
    });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toBe(
      'ethixai: @duckdb/node-api is not installed; install it next to ethixai (npm install @duckdb/node-api), or count with another engine [PUSH_ERR_DRIVER_MISSING]\n',
    );
  }, 180_000);
});

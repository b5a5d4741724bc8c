/**
 * Issue 18, defect 7: the CLI users install is the `npm pack` tarball, installed without the
 * monorepo. It must run from node_modules as compiled JavaScript: Node refuses to strip types
 * there, and a dependency on the private engine package cannot be installed from a registry.
 */
import { execFileSync } from 'node:child_process';
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
    expect(manifest.dependencies).toBeUndefined();

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
  }, 180_000);
});

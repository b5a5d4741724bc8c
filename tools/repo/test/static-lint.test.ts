/**
 * yamllint on every YAML file and shellcheck on every shell script of the repository (issue 21).
 * Both tools are Debian packages .ci/run installs; a missing one fails the test, naming it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireTool, runTool } from '@ethixai/slo/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/source-files.ts';

/** Tracked files plus new ones not ignored, so a file is checked before its first commit too. */
function repoFiles(...patterns: string[]): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...patterns], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f !== '' && fs.existsSync(path.join(REPO_ROOT, f)));
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-lint-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('yamllint', () => {
  const files = repoFiles('*.yml', '*.yaml');

  it(`passes on every YAML file (${files.length})`, async () => {
    const yamllint = requireTool('yamllint', 'Debian package yamllint');
    expect(files.length).toBeGreaterThan(10);
    const result = await runTool(yamllint, ['-f', 'parsable', '-c', '.yamllint.yml', ...files], { cwd: REPO_ROOT });
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails on a broken file (the check can fail)', async () => {
    const bad = path.join(scratch, 'bad.yml');
    fs.writeFileSync(bad, 'a: 1\na: 2\nb:  [x,y ]\n');
    const result = await runTool(requireTool('yamllint', 'Debian package yamllint'), [
      '-f',
      'parsable',
      '-c',
      path.join(REPO_ROOT, '.yamllint.yml'),
      bad,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('duplication of key');
  });
});

describe('shellcheck', () => {
  const files = [...repoFiles('*.sh'), '.ci/run'];

  it(`passes on every shell script (${files.length}, .ci/run included)`, async () => {
    const shellcheck = requireTool('shellcheck', 'Debian package shellcheck');
    const result = await runTool(shellcheck, ['--format=gcc', ...files], { cwd: REPO_ROOT });
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails on a broken script (the check can fail)', async () => {
    const bad = path.join(scratch, 'bad.sh');
    fs.writeFileSync(bad, '#!/usr/bin/env bash\nrm -rf $1/*\n');
    const result = await runTool(requireTool('shellcheck', 'Debian package shellcheck'), [bad]);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('SC2086');
  });
});

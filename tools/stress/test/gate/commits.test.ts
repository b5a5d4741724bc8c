import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveCommits } from '../../src/gate/commits.ts';

const repo = mkdtempSync(join(tmpdir(), 'ethixai-gate-commits-'));
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();
git('init', '-q');
writeFileSync(join(repo, 'a.txt'), '1');
git('add', '.');
git('commit', '-qm', 'one');
const first = git('rev-parse', 'HEAD');
writeFileSync(join(repo, 'a.txt'), '2');
git('commit', '-qam', 'two');
const second = git('rev-parse', 'HEAD');
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('resolveCommits', () => {
  it('compares HEAD with HEAD~1 by default, and with ETHIXAI_PERF_BASE when set', () => {
    expect(resolveCommits(repo, undefined)).toEqual({
      candidate: second,
      reference: first,
      referenceSource: 'HEAD~1',
      dirty: false,
    });
    expect(resolveCommits(repo, first.slice(0, 10)).reference).toBe(first);
  });

  it('refuses to compare a commit with itself, and names a base that is not a commit', () => {
    expect(() => resolveCommits(repo, 'HEAD')).toThrow(
      `the reference and the candidate are the same commit (${second})`,
    );
    expect(() => resolveCommits(repo, 'no-such-ref')).toThrow(/ETHIXAI_PERF_BASE=no-such-ref is not a commit/);
  });

  it('says when the candidate has uncommitted changes', () => {
    writeFileSync(join(repo, 'a.txt'), '3');
    expect(resolveCommits(repo, undefined).dirty).toBe(true);
  });
});

/**
 * Which two builds the gate compares: the candidate is the checkout's HEAD (with its uncommitted
 * changes, if any), the reference is `$ETHIXAI_PERF_BASE` if set, otherwise `HEAD~1`. Comparing a
 * commit with itself would prove nothing, so equal commits are refused.
 */
import { execFileSync } from 'node:child_process';

export interface Commits {
  candidate: string;
  reference: string;
  referenceSource: string;
  dirty: boolean;
}

const git = (root: string, args: string[]) =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

export function resolveCommits(root: string, base: string | undefined): Commits {
  const candidate = git(root, ['rev-parse', 'HEAD']);
  const spec = base && base.trim() !== '' ? base.trim() : 'HEAD~1';
  let reference: string;
  try {
    reference = git(root, ['rev-parse', '--verify', '--quiet', `${spec}^{commit}`]);
  } catch {
    throw new Error(
      `performance gate: the reference ${base ? `ETHIXAI_PERF_BASE=${spec}` : 'HEAD~1'} is not a commit of this repository (a shallow clone needs fetch-depth 0 or the base fetched)`,
    );
  }
  if (reference === candidate)
    throw new Error(
      `performance gate: the reference and the candidate are the same commit (${candidate}); nothing would be compared`,
    );
  const dirty = git(root, ['status', '--porcelain', '--untracked-files=no']) !== '';
  return { candidate, reference, referenceSource: base ? 'ETHIXAI_PERF_BASE' : 'HEAD~1', dirty };
}

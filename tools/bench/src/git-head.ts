import { execFileSync } from 'node:child_process';

/** The short commit the services were started from, for a run's header; '' outside a git checkout. */
export function shortGitHead(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

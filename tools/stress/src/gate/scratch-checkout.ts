/**
 * The reference commit as a scratch git worktree in a temporary directory, ready to run. When its
 * package-lock.json is the candidate's, its node_modules is a farm of links into the candidate's
 * (the same installed packages), except the workspace links (@ethixai/*), which point at the
 * scratch checkout's own workspaces, so the reference runs its own code throughout. When the
 * lockfiles differ, it gets its own `npm ci`.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScratchCheckout {
  dir: string;
  install: 'linked' | 'npm ci';
  remove(): void;
}

const WORKSPACE_SCOPE = '@ethixai';

function linkFarm(candidate: string, dir: string): void {
  const from = join(candidate, 'node_modules');
  const to = join(dir, 'node_modules');
  mkdirSync(to);
  for (const entry of readdirSync(from)) {
    if (entry === WORKSPACE_SCOPE) {
      mkdirSync(join(to, entry));
      // Workspace links are relative (../../packages/x): the same link inside the scratch
      // checkout points at its own copy of the workspace.
      for (const ws of readdirSync(join(from, entry)))
        symlinkSync(readlinkSync(join(from, entry, ws)), join(to, entry, ws));
    } else {
      symlinkSync(join(from, entry), join(to, entry));
    }
  }
  // Packages installed inside a workspace (version conflicts) live in its own node_modules.
  const workspaces = (JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8')) as { workspaces: string[] })
    .workspaces;
  for (const ws of workspaces) {
    const nested = join(candidate, ws, 'node_modules');
    if (existsSync(nested) && existsSync(join(dir, ws)) && !existsSync(join(dir, ws, 'node_modules')))
      symlinkSync(nested, join(dir, ws, 'node_modules'));
  }
}

export function checkoutReference(
  candidateRoot: string,
  commit: string,
  log: (l: string) => void = () => {},
): ScratchCheckout {
  const dir = join(mkdtempSync(join(tmpdir(), 'ethixai-perf-base-')), 'checkout');
  execFileSync('git', ['worktree', 'add', '--detach', dir, commit], { cwd: candidateRoot, stdio: 'ignore' });
  const remove = () => {
    try {
      execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: candidateRoot, stdio: 'ignore' });
    } catch {
      rmSync(dir, { recursive: true, force: true });
      execFileSync('git', ['worktree', 'prune'], { cwd: candidateRoot, stdio: 'ignore' });
    }
  };
  try {
    const sameLock =
      readFileSync(join(candidateRoot, 'package-lock.json'), 'utf8') ===
      readFileSync(join(dir, 'package-lock.json'), 'utf8');
    if (
      sameLock &&
      existsSync(join(candidateRoot, 'node_modules')) &&
      lstatSync(join(candidateRoot, 'node_modules')).isDirectory()
    ) {
      linkFarm(candidateRoot, dir);
      return { dir, install: 'linked', remove };
    }
    log(`reference ${commit.slice(0, 12)}: its package-lock.json differs; npm ci in ${dir}`);
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return { dir, install: 'npm ci', remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/** Runs the real `ethixai` bin as a child process, the way a user or a CI job does. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const BIN = join(REPO_ROOT, 'packages/cli/dist/ethixai.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function ethixai(args: string[], options: { cwd?: string; input?: string } = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : (error as { code?: unknown }).code;
        if (typeof code !== 'number') return fail(error);
        done({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** The shared datasets live beside the repository (../shared/datasets). */
export function sharedDataset(relative: string): string | null {
  const path = resolve(REPO_ROOT, '../shared/datasets', relative);
  if (existsSync(path)) return path;
  console.warn(`SKIPPED: ${path} is absent (the shared datasets are not beside this checkout)`);
  return null;
}

/** A scratch directory holding the given files; remove it with the returned cleanup. */
export function scratch(files: Record<string, string | Uint8Array>): {
  dir: string;
  path: (name: string) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'ethixai-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

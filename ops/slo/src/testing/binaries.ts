/** Finding and running the Prometheus and Alertmanager binaries in tests (ops/slo/test, e2e). */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The binaries the tests start; .ci/run installs them (Debian prometheus, prometheus-alertmanager). */
export type Binary = 'promtool' | 'amtool' | 'prometheus' | 'prometheus-alertmanager';

export function findBinary(name: Binary): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/**
 * True when every binary is on PATH. Otherwise prints one visible SKIPPED line naming what did
 * not run and why, so a green run never hides that the checks were skipped.
 */
export function binariesAvailable(what: string, names: readonly Binary[]): boolean {
  const missing = names.filter((n) => findBinary(n) === null);
  if (missing.length === 0) return true;
  process.stdout.write(
    `\nSKIPPED (${what}): ${missing.join(', ')} not on PATH; install Debian's prometheus and prometheus-alertmanager (.ci/run does).\n\n`,
  );
  return false;
}

export interface RunResult {
  readonly code: number;
  readonly output: string;
}

/** Runs a binary to completion (bounded), returning its exit code and stdout + stderr. */
export function run(
  bin: Binary,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      bin,
      [...args],
      { cwd: options.cwd, timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/**
 * The path of a tool a static check cannot do without (kubectl, docker-compose, yamllint,
 * shellcheck, promtool). Throws naming it and where it comes from: these checks fail, never skip.
 */
export function requireTool(name: string, installHint: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error(`${name} is not on PATH: ${installHint} (.ci/run installs it)`);
}

/** Runs any tool to completion (bounded): exit code and stdout + stderr. */
export function runTool(
  bin: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number; input?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      bin,
      [...args],
      { cwd: options.cwd, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

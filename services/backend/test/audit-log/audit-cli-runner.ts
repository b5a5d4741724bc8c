import { runEntry, type Run } from '../process.ts';

/**
 * Runs the audit command as an operator would, with only DATABASE_URL, DATA_DIR (development
 * secrets, the default checkpoint directory) and what `env` adds.
 */
export function runAuditCli(
  args: string[],
  databaseUrl: string,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<Run> {
  return runEntry('audit-log/audit-cli.ts', args, { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, ...env }, 30_000);
}

import { runEntry, type Run } from '../process.ts';

/** Runs the verification command as an operator would, with only DATABASE_URL and DATA_DIR set. */
export function runVerifyCli(databaseUrl: string, dataDir: string, args: string[] = []): Promise<Run> {
  return runEntry('audit-log/verify-cli.ts', args, { DATABASE_URL: databaseUrl, DATA_DIR: dataDir }, 30_000);
}

/**
 * The CLI as a function: argv in, exit code out. Every failure becomes a message on stderr and
 * an exit code; a client mistake never surfaces as a stack trace.
 */
import { ENGINE_VERSION, FairnessError } from '@ethixai/fairness';
import { PushdownError } from '@ethixai/pushdown';
import { splitCommand } from './args.ts';
import { auditCommand } from './audit-command.ts';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_SOURCE, UsageError } from './exit-codes.ts';
import { sqlCommand } from './pushdown/sql-command.ts';
import { SQL_HELP } from './pushdown/sql-help.ts';
import { AUDIT_HELP, MAIN_HELP } from './help.ts';
import type { CliIo } from './io.ts';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const { command, rest, help, version } = splitCommand(argv);
    if (version) {
      io.stdout(`ethixai (fairness engine ${ENGINE_VERSION})\n`);
      return EXIT_OK;
    }
    if (help) {
      io.stdout(command === 'audit' ? AUDIT_HELP : command === 'sql' ? SQL_HELP : MAIN_HELP);
      return EXIT_OK;
    }
    if (command === 'audit') return await auditCommand(rest, io);
    if (command === 'sql') return await sqlCommand(rest, io);
    throw new UsageError(`unknown command "${command}"; the commands are audit and sql`);
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`ethixai: ${error.message}\n(see ethixai audit --help)\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof PushdownError) {
    io.stderr(`ethixai: ${error.message} [${error.code}]\n`);
    return error.statusCode >= 500 ? EXIT_SOURCE : EXIT_BAD_INPUT;
  }
  if (error instanceof FairnessError && error.statusCode < 500) {
    io.stderr(`ethixai: ${error.message} [${error.code}]\n`);
    return EXIT_BAD_INPUT;
  }
  io.stderr(`ethixai: internal error, please report it: ${error instanceof Error ? error.stack : String(error)}\n`);
  return EXIT_INTERNAL;
}

/** `ethixai audit`: flags → configuration → table → audit → report → gate. */
import { writeFileSync } from 'node:fs';
import { audit } from '@ethixai/fairness';
import { parseAuditFlags } from './args.ts';
import { buildAuditRequest } from './audit-request.ts';
import { columnRequests } from './column-requests.ts';
import { EXIT_OK, UsageError } from './exit-codes.ts';
import { render } from './format/index.ts';
import { gateExitCode, violations } from './gate.ts';
import { AUDIT_HELP } from './help.ts';
import type { CliIo } from './io.ts';
import { readTable } from './read-table.ts';
import { isPushdown, pushdownAudit } from './pushdown/pushdown-audit.ts';

export async function auditCommand(argv: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseAuditFlags(argv);
  if (flags.help === true) {
    io.stdout(AUDIT_HELP);
    return EXIT_OK;
  }
  if (isPushdown(flags, positionals)) return pushdownAudit(flags, positionals, io);
  const request = buildAuditRequest(flags, positionals);
  const input = await readTable(request.file, columnRequests(request.config), request.delimiter);
  const result = audit(input.table, request.config);
  const report = render(request.format, result, { file: request.file, bytes: input.bytes, sha256: input.sha256 });
  if (request.out === null) {
    io.stdout(report);
  } else {
    writeReport(request.out, report);
    io.stderr(`ethixai audit: wrote the ${request.format} report to ${request.out} (risk ${result.risk.level})\n`);
  }
  const code = gateExitCode(result, request.failOnViolation, request.strict);
  if (code !== EXIT_OK) {
    const failed = violations(result, request.strict).map((v) => `${v.status} ${v.attribute}: ${v.metric}`);
    io.stderr(`ethixai audit: fairness gate failed (${failed.length}): ${failed.join('; ')}\n`);
  }
  return code;
}

function writeReport(path: string, report: string): void {
  try {
    writeFileSync(path, report);
  } catch (error) {
    throw new UsageError(
      `--out ${path}: cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

/**
 * Flags of `ethixai audit`, parsed with node:util parseArgs. Repeatable flags collect every
 * occurrence; list values may also be comma-separated (`--positive Medium,High`).
 */
import { parseArgs } from 'node:util';
import { UsageError } from './exit-codes.ts';
import { PUSHDOWN_OPTIONS } from './pushdown/options.ts';

export const AUDIT_OPTIONS = {
  config: { type: 'string' },
  label: { type: 'string' },
  'label-positive': { type: 'string', multiple: true },
  prediction: { type: 'string' },
  positive: { type: 'string', multiple: true },
  score: { type: 'string' },
  threshold: { type: 'string' },
  weights: { type: 'string' },
  sensitive: { type: 'string', multiple: true },
  buckets: { type: 'string', multiple: true },
  'missing-sensitive': { type: 'string' },
  reference: { type: 'string', multiple: true },
  'reference-strategy': { type: 'string' },
  features: { type: 'string', multiple: true },
  'min-group-size': { type: 'string' },
  'min-denominator': { type: 'string' },
  confidence: { type: 'string' },
  'interval-method': { type: 'string' },
  policy: { type: 'string', multiple: true },
  'gei-alpha': { type: 'string' },
  seed: { type: 'string' },
  'calibration-bins': { type: 'string' },
  'no-intersection': { type: 'boolean' },
  delimiter: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'fail-on-violation': { type: 'boolean' },
  strict: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...PUSHDOWN_OPTIONS,
} as const;

export type AuditFlags = ReturnType<typeof parseAuditFlags>['flags'];

export function parseAuditFlags(argv: string[]) {
  const { values, positionals } = parseStrict(() =>
    parseArgs({ args: argv, options: AUDIT_OPTIONS, allowPositionals: true, strict: true }),
  );
  return { flags: values, positionals };
}

/** Top level: `ethixai [--help|--version] COMMAND ...`. */
export function splitCommand(argv: string[]): {
  command: string | null;
  rest: string[];
  help: boolean;
  version: boolean;
} {
  const first = argv[0];
  if (first === undefined) return { command: null, rest: [], help: true, version: false };
  if (first === '--help' || first === '-h' || first === 'help')
    return { command: argv[1] ?? null, rest: [], help: true, version: false };
  if (first === '--version' || first === '-v') return { command: null, rest: [], help: false, version: true };
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first} before the command; try "ethixai --help"`);
  return { command: first, rest: argv.slice(1), help: false, version: false };
}

/** parseArgs errors are usage errors. */
function parseStrict<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
      throw new UsageError(cleanParseMessage((error as Error).message));
    throw error;
  }
}

/** parseArgs messages end with advice about `--` that does not apply to us. */
function cleanParseMessage(message: string): string {
  return message
    .split('. To specify')[0]
    .replace(/^Unknown option/, 'unknown option')
    .replace(/^Option/, 'option');
}

export { runCli } from './run.ts';
export type { CliIo } from './io.ts';
export { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_VIOLATION } from './exit-codes.ts';

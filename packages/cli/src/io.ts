/** Where the CLI writes; tests and main.ts supply it, so nothing else touches process streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** What the formatters know about the run besides the engine's result. */
export interface RenderContext {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

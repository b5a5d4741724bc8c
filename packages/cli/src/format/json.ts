/** The full engine result, plus the identity of the input file (for provenance), as JSON. */
import type { AuditResult } from '@ethixai/fairness';
import type { RenderContext } from './context.ts';

export function renderJson(result: AuditResult, context: RenderContext): string {
  const input =
    context.bytes === null
      ? { source: context.file, counted: context.counted }
      : { file: context.file, bytes: context.bytes, sha256: context.sha256 };
  return `${JSON.stringify({ ...result, input }, null, 2)}\n`;
}

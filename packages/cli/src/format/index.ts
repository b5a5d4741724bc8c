import type { AuditResult } from '@ethixai/fairness';
import type { Format } from '../audit-request.ts';
import type { RenderContext } from './context.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderTable } from './table.ts';

export type { RenderContext } from './context.ts';

export function render(format: Format, result: AuditResult, context: RenderContext): string {
  if (format === 'json') return renderJson(result, context);
  if (format === 'html') return renderHtml(result, context);
  return renderTable(result, context);
}

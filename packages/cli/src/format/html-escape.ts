/** Every value that reaches the HTML page passes through here: column names and group values come from the user's file. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A table from already-escaped cells (`th` for the first row). */
export function htmlTable(rows: readonly (readonly string[])[], className = ''): string {
  const [head, ...body] = rows;
  const th = head.map((c) => `<th>${c}</th>`).join('');
  const trs = body.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

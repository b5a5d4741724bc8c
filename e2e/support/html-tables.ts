/**
 * Reads the tables of an HTML page as text cells (tags stripped, entities decoded) so a test can
 * find a row by its first cell and a value by its column header, whatever the layout around it.
 */
export interface HtmlTable {
  header: string[];
  rows: string[][];
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

function cellText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
}

function cells(rowHtml: string, tag: 'th' | 'td' | 'th|td'): string[] {
  return [...rowHtml.matchAll(new RegExp(`<(?:${tag})\\b[^>]*>([\\s\\S]*?)</(?:${tag})>`, 'gi'))].map((m) =>
    cellText(m[1]!),
  );
}

export function htmlTables(html: string): HtmlTable[] {
  return [...html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/gi)].map((table) => {
    const rows = [...table[1]!.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)].map((r) => r[1]!);
    const headerRow = rows.find((r) => /<th\b/i.test(r)) ?? '';
    return { header: cells(headerRow, 'th'), rows: rows.filter((r) => !/<th\b/i.test(r)).map((r) => cells(r, 'td')) };
  });
}

/** For every row of every table that has all `columns`: its first cell and those cells as numbers. */
export function tableRows(tables: HtmlTable[], columns: string[]): { name: string; values: Record<string, number> }[] {
  const out: { name: string; values: Record<string, number> }[] = [];
  for (const table of tables) {
    const index = columns.map((c) => table.header.indexOf(c));
    if (index.some((i) => i < 0)) continue;
    for (const row of table.rows) {
      out.push({ name: row[0] ?? '', values: Object.fromEntries(columns.map((c, k) => [c, Number(row[index[k]!])])) });
    }
  }
  return out;
}

/** The numeric cells named by `columns` of every row whose first cell is `firstCell`. */
export function rowsNamed(tables: HtmlTable[], firstCell: string, columns: string[]): Record<string, number>[] {
  return tableRows(tables, columns)
    .filter((r) => r.name === firstCell)
    .map((r) => r.values);
}

/** Every src/href/url()/@import target in the page that is not a fragment or a data: URI. */
export function externalReferences(html: string): string[] {
  const targets = [
    ...[...html.matchAll(/\b(?:src|href|srcset|action|poster)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[1]!),
    ...[...html.matchAll(/url\(\s*["']?([^"')]*)/gi)].map((m) => m[1]!),
    ...[...html.matchAll(/@import\s+["']?([^"';\s]*)/gi)].map((m) => m[1]!),
  ];
  return targets.filter((t) => !t.startsWith('#') && !t.startsWith('data:'));
}

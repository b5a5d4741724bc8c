/**
 * SQL as fragments, never as concatenated strings: builder-written text, quoted identifiers and
 * values. A value is bound as a parameter when the query runs here and inlined as an escaped literal
 * when it is printed for another engine's console; an identifier is always quoted. The template tag
 * accepts only fragments, so a column name or a filter value cannot reach the SQL text unquoted.
 */
import type { Dialect } from './dialects.ts';
import { pushdownError } from './errors.ts';

export type SqlValue = string | number | boolean | null;

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'ident'; readonly names: readonly string[] }
  | { readonly kind: 'value'; readonly value: SqlValue };

export class Sql {
  readonly parts: readonly Part[];
  constructor(parts: readonly Part[]) {
    this.parts = parts;
  }
}

export function sql(strings: TemplateStringsArray, ...fragments: Sql[]): Sql {
  const parts: Part[] = [];
  strings.forEach((text, i) => {
    if (text !== '') parts.push({ kind: 'text', text });
    if (i < fragments.length) {
      if (!(fragments[i] instanceof Sql))
        throw new TypeError('sql``: interpolate Sql fragments only (ident, value, int, join)');
      parts.push(...fragments[i].parts);
    }
  });
  return new Sql(parts);
}

/** A (possibly qualified) identifier: ident('analytics', 'decisions') → "analytics"."decisions". */
export function ident(...names: string[]): Sql {
  return new Sql([{ kind: 'ident', names }]);
}

export function value(v: SqlValue): Sql {
  return new Sql([{ kind: 'value', value: v }]);
}

/** A keyword or type name of the dialect (DOUBLE PRECISION, VARCHAR): letters, digits, spaces only. */
export function keyword(text: string): Sql {
  if (!/^[A-Za-z][A-Za-z0-9_ ]*$/.test(text))
    throw new TypeError(`keyword(): ${JSON.stringify(text)} is not a keyword`);
  return new Sql([{ kind: 'text', text }]);
}

/** An integer the builder chose (bin counts, indexes): written as it is. */
export function int(n: number): Sql {
  if (!Number.isSafeInteger(n)) throw new TypeError(`int(): ${n} is not a safe integer`);
  return new Sql([{ kind: 'text', text: String(n) }]);
}

export function join(items: readonly Sql[], separator = ', '): Sql {
  const parts: Part[] = [];
  items.forEach((item, i) => {
    if (i > 0) parts.push({ kind: 'text', text: separator });
    parts.push(...item.parts);
  });
  return new Sql(parts);
}

/** The fragment with every line break of its own text indented by two spaces (values keep theirs). */
export function indent(fragment: Sql): Sql {
  return new Sql(
    fragment.parts.map((p) => (p.kind === 'text' ? { kind: 'text', text: p.text.replaceAll('\n', '\n  ') } : p)),
  );
}

export interface RenderedSql {
  readonly text: string;
  /** Bound values in placeholder order ($1, $2, ...); empty when every value was inlined. */
  readonly params: readonly SqlValue[];
}

/** `bind`: values become placeholders (engines run here); `inline`: escaped literals (printed queries). */
export function render(query: Sql, dialect: Dialect, mode: 'bind' | 'inline'): RenderedSql {
  if (mode === 'bind' && dialect.placeholder === null) {
    throw pushdownError(
      'PUSH_ERR_UNSUPPORTED_DIALECT',
      `dialect ${dialect.name} is printed only; ethixai runs duckdb and postgres queries`,
      { dialect: dialect.name },
    );
  }
  let text = '';
  const params: SqlValue[] = [];
  for (const part of query.parts) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'ident') text += part.names.map((n) => dialect.quoteIdent(n)).join('.');
    else if (mode === 'inline') text += literal(dialect, part.value);
    else {
      params.push(part.value);
      text += dialect.placeholder!(params.length);
    }
  }
  return { text, params };
}

function literal(dialect: Dialect, v: SqlValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`a SQL number literal must be finite, got ${v}`);
    // The shortest text that reads back as the same double (1e-7, 0.1, 12345): exact in every engine.
    return String(v);
  }
  return dialect.quoteString(v);
}

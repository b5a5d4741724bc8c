/** Identifiers are always quoted; values are bound when run and inlined, escaped per dialect, when printed. */
import { describe, expect, it } from 'vitest';
import { dialectOf, DIALECT_NAMES, PushdownError } from '../src/index.ts';
import { ident, render, sql, value } from '../src/sql.ts';

const NASTY = "it's a \\ back'slash";

describe('identifiers', () => {
  it.each([
    ['duckdb', '"a""b".".x\\y"'],
    ['postgres', '"a""b".".x\\y"'],
    ['trino', '"a""b".".x\\y"'],
    ['spark', '`a"b`.`.x\\y`'],
    ['bigquery', '`a"b`.`.x\\\\y`'],
  ])('%s quotes every part of a qualified name', (dialect, expected) => {
    expect(render(sql`${ident('a"b', '.x\\y')}`, dialectOf(dialect), 'inline').text).toBe(expected);
  });

  it('doubles a backtick in Spark and escapes it in BigQuery', () => {
    expect(render(ident('a`b'), dialectOf('spark'), 'inline').text).toBe('`a``b`');
    expect(render(ident('a`b'), dialectOf('bigquery'), 'inline').text).toBe('`a\\`b`');
  });

  it('rejects empty names and NUL characters', () => {
    expect(() => render(ident(''), dialectOf('trino'), 'inline')).toThrow(PushdownError);
    expect(() => render(ident('a\u0000'), dialectOf('duckdb'), 'bind')).toThrow(/NUL/);
  });
});

describe('values', () => {
  it.each([
    ['duckdb', "'it''s a \\ back''slash'"],
    ['postgres', "'it''s a \\ back''slash'"],
    ['trino', "'it''s a \\ back''slash'"],
    ['spark', "'it\\'s a \\\\ back\\'slash'"],
    ['bigquery', "'it\\'s a \\\\ back\\'slash'"],
  ])('%s inlines a quote and a backslash escaped', (dialect, expected) => {
    const q = sql`SELECT 1 WHERE ${ident('c')} = ${value(NASTY)}`;
    expect(render(q, dialectOf(dialect), 'inline').text.split(' = ')[1]).toBe(expected);
  });

  it('escapes line breaks where a literal cannot hold them raw', () => {
    expect(render(value('a\nb\tc\u0001'), dialectOf('bigquery'), 'inline').text).toBe("'a\\nb\\tc\\u0001'");
    expect(render(value('a\nb'), dialectOf('trino'), 'inline').text).toBe("'a\nb'");
  });

  it('binds values as parameters for the engines that run here, never inlining them', () => {
    for (const dialect of ['duckdb', 'postgres']) {
      const r = render(
        sql`SELECT ${value(1.5)} WHERE ${ident('c')} = ${value(NASTY)} AND ${ident('d')} = ${value(null)}`,
        dialectOf(dialect),
        'bind',
      );
      expect(r.text).toBe('SELECT $1 WHERE "c" = $2 AND "d" = $3');
      expect(r.params).toEqual([1.5, NASTY, null]);
      expect(r.text).not.toContain('slash');
    }
  });

  it('writes numbers so they read back as the same double', () => {
    for (const n of [0.1, 1e-7, 1e100, -2.5e-300, 123456789.123]) {
      expect(Number(render(value(n), dialectOf('trino'), 'inline').text)).toBe(n);
    }
    expect(() => render(value(Number.NaN), dialectOf('trino'), 'inline')).toThrow(/finite/);
  });
});

describe('dialects', () => {
  it('refuses an unknown dialect, naming it and the supported ones', () => {
    expect(() => dialectOf('mysql')).toThrow(
      'dialect "mysql" is not supported; use one of duckdb, postgres, trino, spark, bigquery',
    );
    expect(DIALECT_NAMES).toHaveLength(5);
  });

  it('refuses to bind parameters for a dialect that is only printed', () => {
    try {
      render(sql`SELECT ${value(1)}`, dialectOf('spark'), 'bind');
      expect.unreachable();
    } catch (error) {
      expect((error as PushdownError).code).toBe('PUSH_ERR_UNSUPPORTED_DIALECT');
    }
  });

  it('accepts only fragments in the template, so no string reaches the SQL unquoted', () => {
    const raw = 'x; DROP TABLE t' as unknown as ReturnType<typeof value>;
    expect(() => sql`SELECT ${raw}`).toThrow(TypeError);
  });
});

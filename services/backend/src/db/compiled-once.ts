import type { CompiledQuery, Kysely } from 'kysely';

// Per dialect adapter class (SQLite and PostgreSQL quote and number parameters differently),
// then per caller-chosen shape key.
const byAdapter = new WeakMap<object, Map<string, string>>();

/**
 * SQL text of a statement whose text depends only on its shape (e.g. a multi-row INSERT with
 * `n` rows), built and compiled by Kysely once per dialect and shape; each later call binds
 * parameters only. Query building and compiling is otherwise ~20 % of a small group commit.
 *
 * `probe` builds the statement from placeholder values and returns them in the order the caller
 * will bind real ones. If Kysely ever binds them in another order the call throws: a programmer
 * error, never a row written with its values in the wrong columns.
 */
export function compiledOnce(db: Kysely<any>, shape: string, probe: () => { query: CompiledQuery; expected: readonly unknown[] }): string {
  const adapter = db.getExecutor().adapter.constructor;
  let cache = byAdapter.get(adapter);
  if (cache === undefined) {
    cache = new Map();
    byAdapter.set(adapter, cache);
  }
  let sql = cache.get(shape);
  if (sql === undefined) {
    const { query, expected } = probe();
    const bound = query.parameters;
    if (bound.length !== expected.length || bound.some((p, i) => p !== expected[i])) {
      throw new Error(`compiledOnce(${shape}): Kysely binds parameters in another order than expected`);
    }
    sql = query.sql;
    cache.set(shape, sql);
  }
  return sql;
}

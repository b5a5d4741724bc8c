import { CompiledQuery, type Compilable } from 'kysely';

/**
 * The SQL text of a multi-row Kysely statement whose shape depends only on how many rows it
 * carries (a multi-row INSERT or upsert): Kysely builds and compiles it once per row count, and
 * each later call only lays out the parameters. Kysely stays the one place that writes the SQL
 * (dialect, quoting, ON CONFLICT); what is skipped is rebuilding and recompiling the same
 * operation tree on every group commit.
 *
 * The parameter order is checked once per count against a probe whose every value is unique: if
 * Kysely ever bound in another order than `columns`, this throws instead of misfiling a column.
 * One instance serves one database (its dialect fixes the SQL text).
 */
export class RowCountSql<Db, Row> {
  readonly #sqlByCount = new Map<number, string>();
  private readonly columns: readonly (keyof Row & string)[];
  private readonly build: (db: Db, rows: Row[]) => Compilable;

  constructor(columns: readonly (keyof Row & string)[], build: (db: Db, rows: Row[]) => Compilable) {
    this.columns = columns;
    this.build = build;
  }

  /** The compiled query for `rows` (built with `db` the first time): cached SQL text, fresh parameters. */
  query<R>(db: Db, rows: readonly Row[]): CompiledQuery<R> {
    const parameters: unknown[] = [];
    for (const row of rows) for (const c of this.columns) parameters.push(row[c]);
    return CompiledQuery.raw(this.#sql(db, rows.length), parameters) as CompiledQuery<R>;
  }

  #sql(db: Db, count: number): string {
    let text = this.#sqlByCount.get(count);
    if (text === undefined) {
      const probe = Array.from(
        { length: count },
        (_, i) => Object.fromEntries(this.columns.map((c) => [c, `${i}:${c}`])) as unknown as Row,
      );
      const compiled = this.build(db, probe).compile();
      const expected = probe.flatMap((r) => this.columns.map((c) => r[c]));
      if (compiled.parameters.length !== expected.length || compiled.parameters.some((p, i) => p !== expected[i])) {
        throw new Error(`row-count SQL: Kysely bound the parameters in another order than ${this.columns.join(', ')}`);
      }
      text = compiled.sql;
      this.#sqlByCount.set(count, text);
    }
    return text;
  }
}

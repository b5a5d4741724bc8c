/**
 * Reading a PostgreSQL table into the process the efficient way, the alternative pushdown is
 * measured against: a server-side cursor fetched in batches straight into typed columns (text as
 * dictionary codes, numbers as Float64Array), so memory is the columns, not 10M row objects.
 */
import pg from 'pg';
import type { Column, Table } from '@ethixai/fairness';

const BATCH = 50_000;

class TextColumn {
  codes = new Int32Array(1 << 20);
  levels: string[] = [];
  private index = new Map<string, number>();
  push(i: number, v: unknown): void {
    if (i >= this.codes.length) {
      const c = new Int32Array(this.codes.length * 2);
      c.set(this.codes);
      this.codes = c;
    }
    if (v === null || v === '') {
      this.codes[i] = -1;
      return;
    }
    const s = String(v);
    let code = this.index.get(s);
    if (code === undefined) {
      code = this.levels.length;
      this.levels.push(s);
      this.index.set(s, code);
    }
    this.codes[i] = code;
  }
  column(n: number): Column {
    return { kind: 'categorical', codes: this.codes.slice(0, n), levels: this.levels };
  }
}

class NumberColumn {
  values = new Float64Array(1 << 20);
  push(i: number, v: unknown): void {
    if (i >= this.values.length) {
      const c = new Float64Array(this.values.length * 2);
      c.set(this.values);
      this.values = c;
    }
    this.values[i] = v === null ? Number.NaN : Number(v);
  }
  column(n: number): Column {
    return { kind: 'numeric', values: this.values.slice(0, n) };
  }
}

export async function readPostgresTable(url: string, table: string, columns: readonly string[]): Promise<Table> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `DECLARE rows_cursor NO SCROLL CURSOR FOR SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table}`,
    );
    let sinks: (TextColumn | NumberColumn)[] | null = null;
    let n = 0;
    for (;;) {
      const batch = await client.query({ text: `FETCH ${BATCH} FROM rows_cursor`, rowMode: 'array' });
      sinks ??= batch.fields.map((f) =>
        [700, 701, 1700, 20, 21, 23].includes(f.dataTypeID) ? new NumberColumn() : new TextColumn(),
      );
      for (const row of batch.rows as unknown[][]) {
        for (let c = 0; c < row.length; c++) sinks[c].push(n, row[c]);
        n++;
      }
      if (batch.rows.length < BATCH) break;
    }
    await client.query('COMMIT');
    return { rowCount: n, columns: new Map(columns.map((name, c) => [name, sinks![c].column(n)])) };
  } finally {
    await client.end();
  }
}

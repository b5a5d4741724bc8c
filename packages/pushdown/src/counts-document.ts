/**
 * Reading a counts document from untrusted JSON: its schema (@ethixai/contracts, the same one the
 * API validates the body with), then what a schema cannot say: the columns the query must have
 * returned, and a type per column. Errors name the field.
 */
import { COUNTS_FORMAT, CountsDocumentSchema, type CountsDocument } from '@ethixai/contracts';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { pushdownError } from './errors.ts';
import { groupColumn, OUT, textNumberColumns } from './counts-query.ts';
import { dialectOf } from './dialects.ts';
import type { QuerySpec } from './spec.ts';

export { COUNTS_FORMAT, type CountsDocument };

function invalid(field: string, problem: string): never {
  throw pushdownError('PUSH_ERR_INVALID_COUNTS', `counts.${field} ${problem}`, { field: `counts.${field}` });
}

/** Compiled on first use: a document can hold 500,000 rows of 64 values. */
let compiled: ReturnType<typeof TypeCompiler.Compile<typeof CountsDocumentSchema>> | null = null;

export function checkCountsDocument(input: unknown): CountsDocument {
  compiled ??= TypeCompiler.Compile(CountsDocumentSchema);
  if (!compiled.Check(input)) {
    const first = compiled.Errors(input).First();
    const path = (first?.path ?? '').replace(/^\//, '').replace(/\//g, '.');
    if (path === 'format') invalid('format', `must be "${COUNTS_FORMAT}"`);
    invalid(path === '' ? '(document)' : path, first ? first.message.toLowerCase() : 'is invalid');
  }
  const doc = input as CountsDocument;
  expectedColumns(doc.query as QuerySpec).forEach((name) => {
    if (!doc.columns.includes(name)) invalid('columns', `lacks "${name}", which the query returns`);
  });
  if (new Set(doc.columns).size !== doc.columns.length) invalid('columns', 'names a column twice');
  doc.rows.forEach((row, i) => {
    if (row.length !== doc.columns.length)
      invalid(`rows[${i}]`, `has ${row.length} values for ${doc.columns.length} columns`);
  });
  if (doc.sample) {
    doc.sample.rows.forEach((row, i) => {
      if (row.length !== doc.sample!.columns.length)
        invalid(`sample.rows[${i}]`, `has ${row.length} values for ${doc.sample!.columns.length} columns`);
    });
  }
  return doc;
}

/** The result columns a query of this specification returns. */
export function expectedColumns(spec: QuerySpec & { dialect?: string }): string[] {
  const names = spec.sensitive.map((_, j) => groupColumn(j));
  names.push(OUT.label, OUT.decision, OUT.n);
  if (spec.weights !== null) names.push(OUT.usable, OUT.w, OUT.w2);
  if (spec.dialect !== undefined && textNumberColumns(spec, dialectOf(spec.dialect)).length > 0)
    names.push(OUT.notNumeric);
  if (spec.scores?.mode === 'bins') names.push(OUT.scoreBin, OUT.ws, OUT.scoreMin, OUT.scoreMax);
  if (spec.scores?.mode === 'exact') names.push(OUT.scoreValue);
  return names;
}

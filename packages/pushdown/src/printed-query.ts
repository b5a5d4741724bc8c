/**
 * The counting query as a team runs it on its own cluster: one statement, every value inlined as
 * an escaped literal, the score bins' range computed by the statement itself.
 */
import { countsQuery } from './counts-query.ts';
import { dialectOf } from './dialects.ts';
import { sampleMethod, sampleQuery } from './sample-query.ts';
import type { ColumnKind, QuerySpec } from './spec.ts';
import { render } from './sql.ts';

export function printedQuery(spec: QuerySpec, dialectName: string): string {
  const dialect = dialectOf(dialectName);
  return render(countsQuery(spec, dialect, spec.scores?.mode === 'bins' ? 'computed' : null), dialect, 'inline').text;
}

/** The sample query for drivers and proxies, printed: its SQL and how it samples. */
export function printedSampleQuery(
  spec: QuerySpec,
  dialectName: string,
  features: readonly string[],
  kinds: Readonly<Record<string, ColumnKind>>,
  rows: number,
  percent: number,
  seed: number,
): { sql: string; method: string } {
  const dialect = dialectOf(dialectName);
  const columns = [
    ...new Set(
      [spec.label, spec.prediction, spec.score, spec.weights, ...spec.sensitive.map((s) => s.name), ...features].filter(
        (c): c is string => c !== null,
      ),
    ),
  ];
  const s = {
    source: spec.source,
    columns,
    kinds: { ...kinds, ...spec.kinds },
    filters: spec.filters,
    rows,
    percent,
    seed: Math.abs(Math.trunc(seed)),
  };
  return { sql: render(sampleQuery(s, dialect), dialect, 'inline').text, method: sampleMethod(dialect, s) };
}

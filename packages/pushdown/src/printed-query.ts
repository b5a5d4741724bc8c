/**
 * The counting query as a team runs it on its own cluster: one statement, every value inlined as
 * an escaped literal, the score bins' range computed by the statement itself.
 */
import { countsQuery } from './counts-query.ts';
import { dialectOf } from './dialects.ts';
import type { QuerySpec } from './spec.ts';
import { render } from './sql.ts';

export function printedQuery(spec: QuerySpec, dialectName: string): string {
  const dialect = dialectOf(dialectName);
  return render(countsQuery(spec, dialect, spec.scores?.mode === 'bins' ? 'computed' : null), dialect, 'inline').text;
}

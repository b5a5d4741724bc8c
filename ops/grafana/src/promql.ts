/**
 * What the tests do with the dashboards' queries: substitute Grafana's variables so a query is
 * plain PromQL or LogQL, and list the metric names a PromQL expression selects.
 */
import { parser } from '@prometheus-io/lezer-promql';

export interface VariableValues {
  readonly [name: string]: string;
}

/** Values for checking: a range for every interval variable, match-all for the template variables. */
export const CHECK_VALUES: VariableValues = {
  __rate_interval: '1m',
  __interval: '30s',
  __auto: '1m',
  __range: '1h',
  service: '.*',
  instance: '.*',
  model: '.*',
};

/** Replaces `$name` and `${name}` (longest names first, so `$__rate_interval` is not read as `$__range`...). */
export function substituteVariables(expr: string, values: VariableValues = CHECK_VALUES): string {
  return expr.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare!;
    const value = values[name];
    if (value === undefined) throw new Error(`no value for Grafana variable $${name} in: ${expr}`);
    return value;
  });
}

/** Metric names the expression selects (`name{...}` selectors), from the PromQL grammar, not a regex. */
export function selectedMetrics(expr: string): string[] {
  const names = new Set<string>();
  const tree = parser.parse(expr);
  tree.iterate({
    enter: (node) => {
      if (node.type.name !== 'VectorSelector') return;
      const first = node.node.firstChild;
      if (first?.type.name === 'Identifier') names.add(expr.slice(first.from, first.to));
    },
  });
  return [...names].sort();
}

/** True when lezer-promql finds a syntax error (promtool is the authority; this is the quick check). */
export function hasPromqlSyntaxError(expr: string): boolean {
  let error = false;
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) error = true;
    },
  });
  return error;
}

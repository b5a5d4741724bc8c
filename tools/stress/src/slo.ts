/**
 * SLOs a run is judged against (`analyze --slo FILE`): per endpoint, a latency percentile, the
 * error rate or the share of unexpected answers must stay under a bound. The default file states
 * the platform's SLOs (DESIGN §7) for the client side of a load test.
 */
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { RunResult } from './result.ts';

export const METRICS = ['p50Ms', 'p95Ms', 'p99Ms', 'errorRate', 'unexpectedRate'] as const;

export const SloFileSchema = Type.Object(
  {
    description: Type.String(),
    objectives: Type.Array(
      Type.Object(
        {
          name: Type.String({ pattern: '^[a-z0-9-]+$' }),
          description: Type.String(),
          /** Endpoint names of the mix, or "all". */
          endpoints: Type.Union([Type.Literal('all'), Type.Array(Type.String(), { minItems: 1 })]),
          metric: Type.Union(METRICS.map((m) => Type.Literal(m))),
          max: Type.Number({ minimum: 0 }),
          /** Judged only on runs of these scenarios (default: every run). */
          scenarios: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);
export type SloFile = Static<typeof SloFileSchema>;

export function loadSloFile(file: string): SloFile {
  const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const errors = [...Value.Errors(SloFileSchema, value)];
  if (errors.length > 0)
    throw new Error(
      `${file}: not a valid SLO file: ${errors
        .slice(0, 5)
        .map((e) => `${e.path || '/'} ${e.message}`)
        .join('; ')}`,
    );
  return value as SloFile;
}

export interface SloCheck {
  objective: string;
  scenario: string;
  endpoint: string;
  metric: string;
  value: number;
  max: number;
  met: boolean;
}

function valueOf(e: RunResult['endpoints'][string], metric: (typeof METRICS)[number]): number {
  if (metric === 'p50Ms') return e.latencyMs.p50;
  if (metric === 'p95Ms') return e.latencyMs.p95;
  if (metric === 'p99Ms') return e.latencyMs.p99;
  if (e.count === 0) return 0;
  if (metric === 'unexpectedRate') return e.unexpected / e.count;
  const serverErrors = Object.entries(e.statuses)
    .filter(([s]) => Number(s) >= 500)
    .reduce((a, [, n]) => a + n, 0);
  const transport = Object.values(e.errors).reduce((a, n) => a + n, 0);
  return (serverErrors + transport) / e.count;
}

/** Every objective applied to every endpoint of the run it covers. An endpoint with no answer fails its latency objectives. */
export function checkSlos(run: RunResult, slos: SloFile): SloCheck[] {
  const checks: SloCheck[] = [];
  for (const o of slos.objectives) {
    if (o.scenarios && !o.scenarios.includes(run.scenario.name)) continue;
    for (const [endpoint, e] of Object.entries(run.endpoints)) {
      const base = endpoint.split(' ')[0];
      if (o.endpoints !== 'all' && !o.endpoints.includes(base)) continue;
      const value = valueOf(e, o.metric);
      checks.push({
        objective: o.name,
        scenario: run.scenario.name,
        endpoint,
        metric: o.metric,
        value,
        max: o.max,
        met: Number.isFinite(value) && value <= o.max,
      });
    }
  }
  return checks;
}

export function describeViolation(c: SloCheck): string {
  const shown = c.metric.endsWith('Ms') ? `${c.value} ms` : `${(100 * c.value).toFixed(3)} %`;
  const bound = c.metric.endsWith('Ms') ? `${c.max} ms` : `${(100 * c.max).toFixed(3)} %`;
  return `SLO "${c.objective}" violated: ${c.scenario} ${c.endpoint} ${c.metric} ${shown} > ${bound}`;
}

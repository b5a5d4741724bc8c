/**
 * Scenarios are data: one JSON file each under tools/stress/scenarios, validated by this schema
 * when loaded, so a typo in a scenario stops the run with the field named instead of running a
 * different load than the file says.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ENDPOINT_NAMES } from './endpoints.ts';

export const SCENARIO_DIR = resolve(import.meta.dirname, '../scenarios');

const Seconds = Type.Number({ exclusiveMinimum: 0, maximum: 7 * 86_400 });
const Rate = Type.Number({ exclusiveMinimum: 0, maximum: 20_000 });
const Status = Type.Integer({ minimum: 100, maximum: 599 });
const EndpointName = Type.Union(ENDPOINT_NAMES.map((n) => Type.Literal(n)));

/** A constant arrival rate, or a linear ramp of the rate from `from` to `to`. */
export const PhaseSchema = Type.Union([
  Type.Object({ name: Type.String({ minLength: 1 }), seconds: Seconds, rate: Rate }, { additionalProperties: false }),
  Type.Object(
    { name: Type.String({ minLength: 1 }), seconds: Seconds, from: Rate, to: Rate },
    { additionalProperties: false },
  ),
]);
export type Phase = Static<typeof PhaseSchema>;

export const MixEntrySchema = Type.Object(
  {
    endpoint: EndpointName,
    /** Share of the arrivals, relative to the other entries' weights. */
    weight: Type.Integer({ minimum: 1, maximum: 1000 }),
    /** Every status this endpoint may answer in this scenario; anything else is a failure. */
    expect: Type.Array(Status, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type MixEntry = Static<typeof MixEntrySchema>;

/** Trend bounds of the endurance analysis, per service (growth per hour of the fitted line). */
export const MemoryWatchSchema = Type.Object(
  {
    sampleEverySeconds: Type.Number({ minimum: 0.5, maximum: 3600 }),
    /** Samples before this are left out of the fit (start-up, JIT, caches filling). */
    ignoreFirstSeconds: Type.Number({ minimum: 0 }),
    bounds: Type.Object(
      {
        heapMbPerHour: Type.Number({ minimum: 0 }),
        rssMbPerHour: Type.Number({ minimum: 0 }),
        handlesPerHour: Type.Number({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type MemoryWatch = Static<typeof MemoryWatchSchema>;

const Common = {
  name: Type.String({ pattern: '^[a-z0-9-]+$' }),
  description: Type.String({ minLength: 1 }),
  /** Extra environment for both services when the suite starts them (e.g. load shedding). */
  env: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Z][A-Z0-9_]*$' }), Type.String())),
};

export const OpenLoopScenarioSchema = Type.Object(
  {
    ...Common,
    kind: Type.Literal('open-loop'),
    /** Unrecorded traffic at the first phase's mix before the phases start (JIT, caches). */
    warmupSeconds: Type.Number({ minimum: 0, maximum: 600 }),
    phases: Type.Array(PhaseSchema, { minItems: 1 }),
    mix: Type.Array(MixEntrySchema, { minItems: 1 }),
    /** Longest wait for one response; a request still unanswered then is an error. */
    requestTimeoutMs: Type.Integer({ minimum: 100, maximum: 600_000 }),
    /** Most connections the load generator opens (default 256). A soak caps it so the services'
     * open sockets, which are handles too, stop growing once the pool is full. */
    connections: Type.Optional(Type.Integer({ minimum: 1, maximum: 1024 })),
    memory: Type.Optional(MemoryWatchSchema),
    /** A capacity search: the phases are steps of rising rate, and the capacity is the highest
     * step whose latency percentile stays within maxMs with every answer expected. */
    capacity: Type.Optional(
      Type.Object(
        {
          percentile: Type.Union([Type.Literal('p95'), Type.Literal('p99')]),
          maxMs: Type.Number({ exclusiveMinimum: 0 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type OpenLoopScenario = Static<typeof OpenLoopScenarioSchema>;

/** Closed loop (autocannon) with more connections each step, to find where throughput stops growing. */
export const SaturationScenarioSchema = Type.Object(
  {
    ...Common,
    kind: Type.Literal('saturation'),
    endpoint: EndpointName,
    expect: Type.Array(Status, { minItems: 1 }),
    steps: Type.Array(
      Type.Object(
        { connections: Type.Integer({ minimum: 1, maximum: 1024 }), seconds: Seconds },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);
export type SaturationScenario = Static<typeof SaturationScenarioSchema>;

export const ScenarioSchema = Type.Union([OpenLoopScenarioSchema, SaturationScenarioSchema]);
export type Scenario = Static<typeof ScenarioSchema>;

/** Validates parsed JSON as a scenario; throws naming every bad field. */
export function parseScenario(value: unknown, source: string): Scenario {
  const schema =
    (value as { kind?: unknown })?.kind === 'saturation' ? SaturationScenarioSchema : OpenLoopScenarioSchema;
  const errors = [...Value.Errors(schema, value)];
  if (errors.length > 0) {
    throw new Error(
      `${source}: not a valid scenario: ${errors
        .slice(0, 8)
        .map((e) => `${e.path || '/'} ${e.message}`)
        .join('; ')}`,
    );
  }
  return value as Scenario;
}

/** The committed scenarios, by name (file name without .json). */
export function scenarioNames(dir = SCENARIO_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => basename(f, '.json'))
    .sort();
}

/** A committed scenario by name, or a scenario file by path. */
export function loadScenario(nameOrPath: string, dir = SCENARIO_DIR): Scenario {
  const file = nameOrPath.endsWith('.json') ? resolve(nameOrPath) : join(dir, `${nameOrPath}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`no scenario "${nameOrPath}" (known: ${scenarioNames(dir).join(', ')})`);
  }
  const scenario = parseScenario(JSON.parse(text), file);
  if (!nameOrPath.endsWith('.json') && scenario.name !== nameOrPath)
    throw new Error(`${file}: its name is "${scenario.name}", not "${nameOrPath}"`);
  return scenario;
}

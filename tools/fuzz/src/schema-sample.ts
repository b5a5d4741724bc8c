/**
 * The smallest value a JSON schema (as @fastify/swagger writes it) accepts, and every place in it
 * with the schema that governs it, so a fuzz case can break one place at a time.
 */
export type Schema = Record<string, unknown>;
export type Path = (string | number)[];
export interface Place {
  readonly path: Path;
  readonly schema: Schema;
}

export interface SampleContext {
  /** `#/components/schemas/...` of the document. */
  readonly resolve: (schema: Schema) => Schema;
  /** A uuid to use for an id (another organisation's, to test isolation). */
  readonly uuid: string;
}

function first<T>(value: unknown): T | undefined {
  return Array.isArray(value) && value.length > 0 ? (value[0] as T) : undefined;
}

export function sample(raw: Schema, context: SampleContext, path: Path = [], places: Place[] = []): unknown {
  const schema = context.resolve(raw);
  places.push({ path, schema });
  if ('const' in schema) return schema.const;
  const option = first<unknown>(schema.enum);
  if (option !== undefined) return option;
  if (schema.if !== undefined && schema.else !== undefined)
    return sample({ ...(schema.else as Schema) }, context, path, places);
  const branch = first<Schema>(schema.anyOf) ?? first<Schema>(schema.oneOf);
  if (branch !== undefined) return sample(branch, context, path, places);
  const type = Array.isArray(schema.type) ? (schema.type as string[])[0] : (schema.type as string | undefined);
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return context.uuid;
      if (schema.format === 'date-time') return '2026-01-01T00:00:00.000Z';
      if (schema.format === 'email') return 'fuzz@example.test';
      return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
    case 'integer':
    case 'number': {
      const low =
        typeof schema.minimum === 'number'
          ? schema.minimum
          : typeof schema.exclusiveMinimum === 'number'
            ? schema.exclusiveMinimum + 1
            : 0;
      const high = typeof schema.maximum === 'number' ? schema.maximum : low;
      return Math.min(Math.max(low, Math.min(1, high)), high);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const count = Number(schema.minItems ?? 0);
      return Array.from({ length: count }, (_, i) => sample(schema.items as Schema, context, [...path, i], places));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const name of (schema.required ?? []) as string[]) {
        if (properties[name] !== undefined) out[name] = sample(properties[name], context, [...path, name], places);
      }
      return out;
    }
    default:
      return {};
  }
}

/** `value` with the member at `path` replaced (a copy; the root itself when `path` is empty). */
export function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) return copy;
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = replacement;
  return copy;
}

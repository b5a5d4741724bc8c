/**
 * Every input a client can send, read from a service's OpenAPI document: each path parameter,
 * query parameter, header and request body member, with the bound its schema puts on it. An input
 * without one (a string without maxLength, an array without maxItems, a map without
 * maxProperties, a number without both a minimum and a maximum) is a finding: it would let one
 * caller send whatever size the transport allows (issue 17, "bound every string and array").
 * The same walk renders docs/reference/input-limits.md.
 */
import { operationsOf, type OpenApiDocument } from './openapi-doc.ts';

type Schema = Record<string, unknown>;

export interface BoundedInput {
  /** `POST /v1/analyses body.config.label` */
  readonly where: string;
  /** `string ≤ 256`, `array ≤ 16`, `integer 1..36500`, `one of 3 values` */
  readonly bound: string;
}

export interface InputBounds {
  readonly bounded: BoundedInput[];
  readonly unbounded: string[];
}

const num = (value: unknown): value is number => typeof value === 'number';

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  const target = (document.components as { schemas?: Record<string, Schema> } | undefined)?.schemas?.[name];
  if (target === undefined) throw new Error(`unresolved ${ref}`);
  return target;
}

function types(schema: Schema): string[] {
  const type = schema.type;
  return Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
}

function range(schema: Schema): string | null {
  const low = num(schema.minimum) ? schema.minimum : num(schema.exclusiveMinimum) ? schema.exclusiveMinimum : undefined;
  const high = num(schema.maximum)
    ? schema.maximum
    : num(schema.exclusiveMaximum)
      ? schema.exclusiveMaximum
      : undefined;
  return low === undefined || high === undefined ? null : `${low}..${high}`;
}

function walk(document: OpenApiDocument, raw: Schema | boolean, where: string, out: InputBounds): void {
  if (typeof raw !== 'object' || raw === null) {
    out.unbounded.push(`${where}: schema ${String(raw)} takes anything`);
    return;
  }
  const schema = resolve(document, raw);
  if (Array.isArray(schema.enum) || 'const' in schema) {
    out.bounded.push({
      where,
      bound: Array.isArray(schema.enum)
        ? `one of ${schema.enum.length} value${schema.enum.length === 1 ? '' : 's'}`
        : 'a constant',
    });
    return;
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) branches.forEach((branch: Schema) => walk(document, branch, where, out));
  }
  for (const key of ['then', 'else'] as const) {
    if (typeof schema[key] === 'object') walk(document, schema[key] as Schema, where, out);
  }
  for (const type of types(schema)) {
    if (type === 'string') {
      if (num(schema.maxLength)) out.bounded.push({ where, bound: `string ≤ ${schema.maxLength} chars` });
      else if (num(schema['x-max-bytes'])) out.bounded.push({ where, bound: `≤ ${schema['x-max-bytes']} bytes` });
      else out.unbounded.push(`${where}: string without maxLength`);
    } else if (type === 'integer' || type === 'number') {
      const bound = range(schema);
      if (bound !== null) out.bounded.push({ where, bound: `${type} ${bound}` });
      else out.unbounded.push(`${where}: ${type} without minimum and maximum`);
    } else if (type === 'array') {
      if (num(schema.maxItems)) out.bounded.push({ where, bound: `array ≤ ${schema.maxItems} items` });
      else out.unbounded.push(`${where}: array without maxItems`);
      if (typeof schema.items === 'object' && schema.items !== null)
        walk(document, schema.items as Schema, `${where}[]`, out);
    } else if (type === 'object') {
      for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>))
        walk(document, property, `${where}.${name}`, out);
      const open = [...Object.values((schema.patternProperties ?? {}) as Record<string, Schema>)];
      if (typeof schema.additionalProperties === 'object') open.push(schema.additionalProperties as Schema);
      const dispatches =
        schema.if !== undefined ||
        Array.isArray(schema.anyOf) ||
        Array.isArray(schema.oneOf) ||
        Array.isArray(schema.allOf);
      if (
        schema.additionalProperties === true ||
        (!dispatches &&
          schema.additionalProperties === undefined &&
          schema.properties === undefined &&
          open.length === 0)
      ) {
        out.unbounded.push(`${where}: object that takes any member`);
      }
      if (open.length > 0) {
        if (num(schema.maxProperties)) out.bounded.push({ where, bound: `map ≤ ${schema.maxProperties} entries` });
        else out.unbounded.push(`${where}: map without maxProperties`);
        const names = (schema.propertyNames ?? {}) as Schema;
        if (!num(names.maxLength)) out.unbounded.push(`${where}: map keys without maxLength`);
        for (const value of open) walk(document, value, `${where}.*`, out);
      }
    } else if (type !== 'boolean' && type !== 'null') {
      out.unbounded.push(`${where}: type ${type} not understood`);
    }
  }
}

/** The inputs of every operation of `document`, bounded or not. */
export function inputBounds(document: OpenApiDocument): InputBounds {
  const out: InputBounds = { bounded: [], unbounded: [] };
  for (const { method, path, operation } of operationsOf(document)) {
    const route = `${method} ${path}`;
    for (const parameter of (operation.parameters ?? []) as { in: string; name: string; schema: Schema }[]) {
      walk(document, parameter.schema, `${route} ${parameter.in}.${parameter.name}`, out);
    }
    const content =
      (operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {};
    for (const [mediaType, { schema }] of Object.entries(content)) {
      if (schema === undefined) continue;
      if (mediaType === 'application/json' || mediaType === 'multipart/form-data')
        walk(document, schema, `${route} body`, out);
      else if (num(schema['x-max-bytes']))
        out.bounded.push({ where: `${route} body (${mediaType})`, bound: `≤ ${schema['x-max-bytes']} bytes` });
      else out.unbounded.push(`${route} body (${mediaType}): no x-max-bytes`);
    }
  }
  return out;
}

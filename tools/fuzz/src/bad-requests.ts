/**
 * fast-check arbitraries of bad requests for one OpenAPI operation: the smallest valid request
 * (from its schemas), then one thing broken: a member of the wrong type, a huge or negative
 * number, a string or array past its bound, an unknown field, JSON cut short, bytes that are not
 * UTF-8, a media type or content coding the route does not take, a query parameter or path
 * parameter that is too long, not a number, or badly percent-encoded, an oversized header.
 */
import fc from 'fast-check';
import { replaceAt, sample, type Path, type Place, type SampleContext, type Schema } from './schema-sample.ts';

export interface FuzzRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string | Buffer;
  /** What was broken, for the failure message. */
  readonly label: string;
}

export interface Operation {
  readonly method: string;
  readonly path: string;
  readonly parameters: { in: string; name: string; schema: Schema; required?: boolean }[];
  readonly body: Schema | undefined;
  readonly bodyTypes: string[];
}

const WRONG_VALUES: unknown[] = [
  true,
  false,
  0,
  -1,
  1.5,
  -1e308,
  1e308,
  2 ** 63,
  -(2 ** 63),
  2 ** 53 + 1,
  '',
  'x',
  '1',
  'true',
  '9223372036854775808',
  [],
  [1],
  {},
  { a: 1 },
  null,
];
const WRONG_TEXT = [
  '-1',
  '9223372036854775808',
  '18446744073709551616',
  '1e400',
  '-1e400',
  'NaN',
  'Infinity',
  '0x10',
  '1.5',
  'true',
  '',
  ' ',
  '%zz',
  '%00',
  '%E0%A4%A',
  '\u0000',
  '../../etc/passwd',
  '{"a":1}',
];
const UNKNOWN_KEYS = ['fuzz', '__proto__', 'constructor', 'prototype', '', 'x'.repeat(300)];

function overLong(schema: Schema, extra: number): unknown {
  if (typeof schema.maxLength === 'number') return 'y'.repeat(schema.maxLength + extra);
  if (typeof schema.maxItems === 'number') return Array.from({ length: schema.maxItems + extra }, () => 'y');
  if (typeof schema.maximum === 'number') return schema.maximum + extra;
  if (typeof schema.maxProperties === 'number')
    return Object.fromEntries(Array.from({ length: schema.maxProperties + extra }, (_, i) => [`k${i}`, 'y']));
  return 'y'.repeat(70_000 + extra);
}

function encodeQuery(query: Record<string, string>): string {
  const parts = Object.entries(query).map(([k, v]) => `${k}=${v}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

export function badRequests(
  operation: Operation,
  context: SampleContext,
  credentials: Record<string, string>,
): fc.Arbitrary<FuzzRequest> {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const places: Place[] = [];
  const body = operation.body === undefined ? undefined : sample(operation.body, context, [], places);
  const validPath = (params: Record<string, string>) =>
    operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? context.uuid);
  const jsonType = operation.bodyTypes.includes('application/json');
  const base = (label: string, changes: Partial<FuzzRequest> = {}): FuzzRequest => ({
    method: operation.method,
    url: validPath({}),
    label,
    headers: { ...credentials, ...(body !== undefined && jsonType ? { 'content-type': 'application/json' } : {}) },
    payload: body !== undefined && jsonType ? JSON.stringify(body) : undefined,
    ...changes,
  });
  const withBody = (value: unknown, label: string) => base(label, { payload: JSON.stringify(value) });

  const arbitraries: fc.Arbitrary<FuzzRequest>[] = [
    fc
      .constantFrom(...WRONG_TEXT)
      .map((text) =>
        base(`unknown query parameter = ${JSON.stringify(text)}`, { url: `${validPath({})}?fuzz=${text}` }),
      ),
    fc
      .integer({ min: 9_000, max: 40_000 })
      .map((size) => base(`header of ${size} bytes`, { headers: { ...base('').headers, 'x-fuzz': 'h'.repeat(size) } })),
    fc.constantFrom('x', 'é', '\u2028').map((c) =>
      base(`idempotency-key and accept of odd characters ${JSON.stringify(c)}`, {
        headers: { ...base('').headers, 'idempotency-key': c.repeat(2000), accept: c.repeat(500) },
      }),
    ),
  ];
  if (pathParams.length > 0) {
    arbitraries.push(
      fc
        .oneof(
          fc.constantFrom(...WRONG_TEXT.filter((t) => t !== '' && t !== ' ' && !t.includes('/'))),
          fc.integer({ min: 90, max: 3_000 }).map((n) => 'p'.repeat(n)),
          fc.constant(context.uuid),
        )
        .map((value) =>
          base(
            `path parameter = ${JSON.stringify(value.slice(0, 40))}${value.length > 40 ? `… (${value.length})` : ''}`,
            { url: validPath(Object.fromEntries(pathParams.map((p) => [p.name, value]))) },
          ),
        ),
    );
  }
  if (queryParams.length > 0) {
    arbitraries.push(
      fc
        .record({
          param: fc.constantFrom(...queryParams),
          value: fc.oneof(
            fc.constantFrom(...WRONG_TEXT),
            fc.integer({ min: 1, max: 10_000 }).map((n) => 'q'.repeat(n)),
          ),
          repeated: fc.boolean(),
        })
        .map(({ param, value, repeated }) => {
          const query = { [param.name]: value };
          const url = `${validPath({})}${encodeQuery(query)}${repeated ? `&${param.name}=${value}` : ''}`;
          return base(`query ${param.name} = ${JSON.stringify(value.slice(0, 40))}${repeated ? ' (twice)' : ''}`, {
            url,
          });
        }),
    );
  }
  if (body !== undefined && jsonType) {
    arbitraries.push(
      fc
        .record({ place: fc.constantFrom(...places), value: fc.constantFrom(...WRONG_VALUES) })
        .map(({ place, value }) =>
          withBody(replaceAt(body, place.path, value), `body${pathText(place.path)} = ${JSON.stringify(value)}`),
        ),
      fc
        .record({ place: fc.constantFrom(...places), extra: fc.integer({ min: 1, max: 5_000 }) })
        .map(({ place, extra }) =>
          withBody(
            replaceAt(body, place.path, overLong(place.schema, extra)),
            `body${pathText(place.path)} past its bound by ${extra}`,
          ),
        ),
      fc
        .record({
          place: fc.constantFrom(...places.filter(() => typeof body === 'object')),
          key: fc.constantFrom(...UNKNOWN_KEYS),
        })
        .map(({ place, key }) => {
          const payload = JSON.stringify(replaceAt(body, [...place.path, key], 1)).replace('"fuzz":1', `"${key}":1`);
          return base(`unknown member ${JSON.stringify(key.slice(0, 20))} at body${pathText(place.path)}`, { payload });
        }),
      fc.nat().map((cut) => {
        const text = JSON.stringify(body);
        return base(`JSON cut at ${cut % Math.max(1, text.length)}`, {
          payload: text.slice(0, cut % Math.max(1, text.length)),
        });
      }),
      fc
        .constantFrom<[string, Buffer]>(
          ['invalid UTF-8', Buffer.concat([Buffer.from('{"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('":1}')])],
          ['UTF-16 body', Buffer.from(JSON.stringify(body), 'utf16le')],
          ['a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(body))])],
          ['a lone surrogate', Buffer.from('{"a":"\\ud800"}')],
          ['deep nesting', Buffer.from(`${'['.repeat(5_000)}${']'.repeat(5_000)}`)],
          ['a duplicate key', Buffer.from(`{"a":1,"a":2,${JSON.stringify(body).slice(1)}`)],
        )
        .map(([label, payload]) => base(label, { payload })),
      fc
        .constantFrom<Record<string, string>>(
          { 'content-type': 'text/plain' },
          { 'content-type': 'application/json; charset=latin1' },
          { 'content-type': 'application/x-www-form-urlencoded' },
          { 'content-type': ';;;' },
          { 'content-type': 'multipart/form-data; boundary=x' },
          { 'content-encoding': 'gzip' },
          { 'content-encoding': 'br, x-fuzz' },
        )
        .map((headers) => base(`headers ${JSON.stringify(headers)}`, { headers: { ...base('').headers, ...headers } })),
    );
  }
  return fc.oneof(...arbitraries);
}

function pathText(path: Path): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
}

/**
 * Walks both services' OpenAPI documents (issue 16, "one service shape"):
 * - every route that accepts a body declares it: a JSON schema, or a media type with its byte
 *   limit (`x-max-bytes`) for a streamed upload; and lists 413 and 415;
 * - an action route (POST, PUT, PATCH, DELETE) that declares no body refuses one with 400 or 415
 *   (sent to the real app);
 * - every route lists its responses: a 2xx, and its errors with the shared error body, including
 *   401 when it needs credentials, 400 when it reads parameters or a body, and (backend) 429.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BYTES_KEYWORD } from '@ethixai/contracts';
import { createOrgWithAdmin } from '../../../services/backend/src/orgs/first-admin.ts';
import { AI_CORE_PLACEHOLDER_TOKEN, buildAiCore, buildBackend, type BuiltApp } from '../src/openapi-apps.ts';
import { openApiOf, operationsOf, type OpenApiDocument, type Operation } from '../src/openapi-doc.ts';

interface MediaType {
  schema?: Record<string, unknown>;
}
interface Response {
  content?: Record<string, MediaType>;
}
interface Parameter {
  in: string;
  name: string;
}

const ACTIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `#/components/schemas/<name>` of the shared error body (swagger names components def-N). */
function errorBodyRef(document: OpenApiDocument): string {
  const schemas = (document.components as { schemas?: Record<string, { title?: string }> } | undefined)?.schemas ?? {};
  const name = Object.keys(schemas).find((key) => schemas[key].title === 'ErrorBody');
  if (name === undefined) throw new Error('no ErrorBody component in the document');
  return `#/components/schemas/${name}`;
}

const statuses = (operation: Operation) => Object.keys((operation.responses ?? {}) as Record<string, Response>);
const requestBody = (operation: Operation) =>
  operation.requestBody as { content?: Record<string, MediaType> } | undefined;

/** The path with its parameters filled in, so a request reaches the route. */
const concrete = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    name === 'id' ? '00000000-0000-4000-8000-000000000001' : `${name}-1`,
  );

const services: [string, () => Promise<BuiltApp>, boolean][] = [
  ['backend', buildBackend, true],
  ['ai-core', buildAiCore, false],
];

describe.each(services)('%s OpenAPI document', (_service, build, rateLimited) => {
  let built: BuiltApp;
  let document: OpenApiDocument;
  let credentials: Record<string, string>;

  beforeAll(async () => {
    built = await build();
    document = openApiOf(built.app);
    if (built.db === undefined) {
      credentials = { authorization: `Bearer ${AI_CORE_PLACEHOLDER_TOKEN}` };
      return;
    }
    const admin = await createOrgWithAdmin(built.db.db, { orgName: 'Walk', email: 'walk@example.test' });
    const login = await built.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: admin.email, password: admin.password },
    });
    credentials = { authorization: `Bearer ${login.json().accessToken}` };
  }, 60_000);
  afterAll(() => built.close());

  const operations = () => operationsOf(document);

  it('has routes', () => {
    expect(operations().length).toBeGreaterThan(0);
  });

  it('every route lists a 2xx and its error responses, each with the shared error body', () => {
    const ref = errorBodyRef(document);
    const problems: string[] = [];
    for (const { method, path, operation, security } of operations()) {
      const name = `${method} ${path}`;
      const responses = (operation.responses ?? {}) as Record<string, Response>;
      const codes = statuses(operation);
      if (!codes.some((c) => c.startsWith('2'))) problems.push(`${name}: no 2xx response`);
      const errorCodes = codes.filter((c) => Number(c) >= 400);
      if (errorCodes.length === 0) problems.push(`${name}: no error response`);
      for (const code of errorCodes) {
        if (responses[code].content?.['application/json']?.schema?.$ref !== ref)
          problems.push(`${name}: ${code} is not the error body`);
      }
      const expected = new Set<string>();
      if (security.length > 0) expected.add('401');
      const parameters = (operation.parameters ?? []) as Parameter[];
      if (parameters.some((p) => p.in === 'path' || p.in === 'query') || requestBody(operation)) expected.add('400');
      if (requestBody(operation)) ['413', '415'].forEach((c) => expected.add(c));
      if (rateLimited) expected.add('429');
      for (const code of expected) if (!codes.includes(code)) problems.push(`${name}: ${code} not listed`);
    }
    expect(problems).toEqual([]);
  });

  it('every route that accepts a body declares it: a JSON schema, or a streamed media type with its byte limit', () => {
    const problems: string[] = [];
    for (const { method, path, operation } of operations()) {
      const body = requestBody(operation);
      if (body === undefined) continue;
      const media = Object.entries(body.content ?? {});
      if (media.length === 0) problems.push(`${method} ${path}: a requestBody without media types`);
      for (const [type, { schema }] of media) {
        const where = `${method} ${path} ${type}`;
        if (schema === undefined) problems.push(`${where}: no schema`);
        else if (type === 'application/json') {
          if (schema.type !== 'object' && schema.if === undefined) problems.push(`${where}: not an object schema`);
        } else {
          const limit = schema[MAX_BYTES_KEYWORD];
          if (!(typeof limit === 'number' && Number.isInteger(limit) && limit > 0))
            problems.push(`${where}: no ${MAX_BYTES_KEYWORD}`);
          if (schema.contentMediaType !== type) problems.push(`${where}: contentMediaType is not ${type}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every action route without a body refuses one with 400 or 415', async () => {
    const bodyLess = operations().filter(
      ({ method, operation }) => ACTIONS.has(method) && requestBody(operation) === undefined,
    );
    const answers: string[] = [];
    for (const { method, path } of bodyLess) {
      const res = await built.app.inject({
        method: method as 'POST',
        url: concrete(path),
        headers: { ...credentials, 'content-type': 'application/json' },
        payload: '{"unexpected":true}',
      });
      answers.push(
        `${method} ${path} -> ${[400, 415].includes(res.statusCode) ? '4xx' : `${res.statusCode} ${res.body}`}`,
      );
    }
    expect(answers).toEqual(bodyLess.map(({ method, path }) => `${method} ${path} -> 4xx`));
  });
});

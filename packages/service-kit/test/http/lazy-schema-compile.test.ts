import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazyValidator, pendingSchemaCount, warmUpSchemas } from '../../src/http/lazy-schema-compile.ts';
import { SCHEMA_CONTROLLER } from '../../src/http/validator-compilers.ts';

describe('route schemas compiled on first use', () => {
  it('compiles nothing while the app gets ready, then validates and serializes as before', async () => {
    const app = Fastify({ schemaController: SCHEMA_CONTROLLER });
    app.post(
      '/things',
      {
        schema: {
          body: {
            type: 'object',
            required: ['n'],
            additionalProperties: false,
            properties: { n: { type: 'integer', minimum: 1 } },
          },
          response: {
            201: { type: 'object', additionalProperties: false, properties: { n: { type: 'integer' } } },
          },
        },
      },
      async (request, reply) => reply.code(201).send({ ...(request.body as object), secret: 'not in the schema' }),
    );
    const before = pendingSchemaCount();
    await app.ready();
    // The body validator and the 201 serializer wait for their first request.
    expect(pendingSchemaCount() - before).toBe(2);

    const bad = await app.inject({ method: 'POST', url: '/things', payload: { n: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('must be >= 1');
    const good = await app.inject({ method: 'POST', url: '/things', payload: { n: 2 } });
    expect(good.statusCode).toBe(201);
    // The response serializer drops what its schema does not name, as an eagerly compiled one does.
    expect(good.json()).toEqual({ n: 2 });
    expect(pendingSchemaCount()).toBe(before);
    await app.close();
  });

  it('warms up what no request needed yet, and reports a schema that does not compile', async () => {
    let compiled = 0;
    lazyValidator(() => {
      compiled++;
      return () => true;
    });
    lazyValidator(() => {
      throw new Error('unknown keyword');
    });
    const errors: unknown[] = [];
    await warmUpSchemas(0, (err) => errors.push(err));
    expect(compiled).toBe(1);
    expect(errors).toEqual([new Error('unknown keyword')]);
    expect(pendingSchemaCount()).toBe(0);
  });
});

import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify';
import { lazySerializer, lazyValidator } from './lazy-schema-compile.ts';

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>;
type ValidatorFactory = NonNullable<NonNullable<SchemaController['compilersFactory']>['buildValidator']>;
type SerializerFactory = NonNullable<NonNullable<SchemaController['compilersFactory']>['buildSerializer']>;

/**
 * Text parts of a request (query string, path parameters, headers) arrive as strings, so their
 * schemas coerce ("50" is 50, "g" is ["g"]); a JSON body already carries its types, so its schema
 * never coerces: `{"retentionDays": true}` is a 400, not one day.
 *
 * Fastify applies its `ajv` option to every part of a request alike. This validator factory
 * (Fastify's `schemaController.compilersFactory.buildValidator`) builds two @fastify/ajv-compiler
 * compilers from that same option, one with `coerceTypes: 'array'` and one with
 * `coerceTypes: false`, and picks one per schema by its `httpPart`. One pool serves every
 * encapsulation context, as Fastify's default factory does. Each schema is compiled on first use
 * (lazy-schema-compile.ts).
 */
const pool = AjvCompiler();

type PoolOptions = AjvCompiler.Options;

export const buildValidator = ((externalSchemas, serverOptions) => {
  const { customOptions = {}, ...rest } = (serverOptions ?? {}) as { customOptions?: PoolOptions };
  const text = pool(externalSchemas ?? {}, { ...rest, customOptions: { ...customOptions, coerceTypes: 'array' } });
  const json = pool(externalSchemas ?? {}, { ...rest, customOptions: { ...customOptions, coerceTypes: false } });
  const compile: FastifySchemaCompiler<unknown> = (route) =>
    lazyValidator(() =>
      route.httpPart === 'body'
        ? json(route as AjvCompiler.RouteDefinition)
        : text(route as AjvCompiler.RouteDefinition),
    );
  return compile;
}) as ValidatorFactory;

const serializers = SerializerSelector();

/** Fastify's own response serializers (fast-json-stringify), each compiled on first use. */
export const buildSerializer = ((externalSchemas, serializerOptions) => {
  const compile = serializers(externalSchemas, serializerOptions as SerializerSelector.Options);
  return (route: SerializerSelector.RouteDefinition) => lazySerializer(() => compile(route));
}) as SerializerFactory;

/** The `schemaController` option of both services: bodies are validated without coercion. */
export const SCHEMA_CONTROLLER: SchemaController = { compilersFactory: { buildValidator, buildSerializer } };

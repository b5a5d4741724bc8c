import { SpanKind, trace, type Tracer } from '@opentelemetry/api';
// Type-only: erased at runtime, so this package needs no kysely dependency; services bring it.
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import { ATTR_DB_OPERATION, ATTR_DB_QUERY_TEXT, ATTR_DB_SYSTEM, TRACER_SCOPE } from './names.ts';
import { runInSpan } from './spans.ts';

export interface TracedDialectOptions {
  /** OTel `db.system.name`: `sqlite` or `postgresql`. */
  system: string;
  /** Defaults to the global tracer, looked up per query (so registration order does not matter). */
  tracer?: Tracer;
  /** Only trace queries that run inside a trace (default true): background polling makes no root spans. */
  requireParent?: boolean;
}

const MAX_QUERY_TEXT = 2000;

/**
 * Wraps a Kysely dialect so every query is a CLIENT span `SELECT reports` with `db.system.name`,
 * `db.operation.name` and the parameterised SQL (`db.query.text`; values are placeholders, so
 * no personal data reaches the trace). Failed queries mark the span ERROR.
 */
export function tracedDialect(dialect: Dialect, options: TracedDialectOptions): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => new TracedDriver(dialect.createDriver(), options),
  };
}

class TracedDriver implements Driver {
  // Drivers keep private state on their own connection objects (pg: #client), so the inner
  // driver always gets its own connection back, never our wrapper.
  private readonly inner = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(
    private readonly driver: Driver,
    private readonly options: TracedDialectOptions,
  ) {}

  init = () => this.driver.init();
  destroy = () => this.driver.destroy();

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.driver.acquireConnection();
    const wrapped: DatabaseConnection = {
      executeQuery: <R>(query: CompiledQuery) => this.traced(query, () => connection.executeQuery<R>(query)),
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => connection.streamQuery<R>(query, chunkSize),
    };
    this.inner.set(wrapped, connection);
    return wrapped;
  }

  beginTransaction = (c: DatabaseConnection, settings: TransactionSettings) => this.driver.beginTransaction(this.unwrap(c), settings);
  commitTransaction = (c: DatabaseConnection) => this.driver.commitTransaction(this.unwrap(c));
  rollbackTransaction = (c: DatabaseConnection) => this.driver.rollbackTransaction(this.unwrap(c));
  releaseConnection = (c: DatabaseConnection) => this.driver.releaseConnection(this.unwrap(c));
  savepoint: Driver['savepoint'] = (c, name, compile) => this.driver.savepoint!(this.unwrap(c), name, compile);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (c, name, compile) => this.driver.rollbackToSavepoint!(this.unwrap(c), name, compile);
  releaseSavepoint: Driver['releaseSavepoint'] = (c, name, compile) => this.driver.releaseSavepoint!(this.unwrap(c), name, compile);

  private unwrap(connection: DatabaseConnection): DatabaseConnection {
    return this.inner.get(connection) ?? connection;
  }

  private traced<R>(query: CompiledQuery, run: () => Promise<QueryResult<R>>): Promise<QueryResult<R>> {
    // An unsampled parent (90 % of requests at the production ratio) would only yield
    // non-recording spans: skip the span and its async context entirely.
    if (this.options.requireParent !== false && trace.getActiveSpan()?.isRecording() !== true) return run();
    const tracer = this.options.tracer ?? trace.getTracer(TRACER_SCOPE);
    const { operation, target } = describeQuery(query.sql);
    const attributes = {
      [ATTR_DB_SYSTEM]: this.options.system,
      [ATTR_DB_OPERATION]: operation,
      [ATTR_DB_QUERY_TEXT]: query.sql.length > MAX_QUERY_TEXT ? `${query.sql.slice(0, MAX_QUERY_TEXT)}…` : query.sql,
    };
    return runInSpan(tracer, target === undefined ? operation : `${operation} ${target}`, attributes, run, { kind: SpanKind.CLIENT });
  }
}

const TARGET = /\b(?:from|into|update|join)\s+["`]?([A-Za-z_][A-Za-z0-9_]*)/i;

/** Operation keyword and first table of a SQL statement (both low-cardinality, safe as a span name). */
export function describeQuery(sql: string): { operation: string; target: string | undefined } {
  const operation = (/^\s*([A-Za-z]+)/.exec(sql)?.[1] ?? 'QUERY').toUpperCase();
  return { operation, target: TARGET.exec(sql)?.[1] };
}

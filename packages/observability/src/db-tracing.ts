import { SpanKind, trace, type Context, type Tracer } from '@opentelemetry/api';
// Type-only: erased at runtime, so this package needs no kysely dependency; services bring it.
import type {
  CompiledQuery, DatabaseConnection, Dialect, Driver, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs,
  QueryResult, RootOperationNode, TransactionSettings, UnknownRow,
} from 'kysely';
import { ATTR_DB_OPERATION, ATTR_DB_QUERY_TEXT, ATTR_DB_SYSTEM, TRACER_SCOPE } from './names.ts';
import { runInSpan } from './spans.ts';

export interface TracedDialectOptions {
  /** OTel `db.system.name`: `sqlite` or `postgresql`. */
  system: string;
  /** Defaults to the global tracer, looked up per query (so registration order does not matter). */
  tracer?: Tracer;
}

/** The trace context each query was compiled under, keyed by the query's id object. */
const queryParents = new WeakMap<object, Context>();

/**
 * A Kysely plugin that tags every query compiled through it with `parent`, so the traced driver
 * makes that query's span a child of it. Use it through `scopeToTrace`.
 */
class TraceScopePlugin implements KyselyPlugin {
  readonly parent: Context;

  constructor(parent: Context) {
    this.parent = parent;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    queryParents.set(args.queryId, this.parent);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

interface PluggableDb<T> {
  withPlugin(plugin: KyselyPlugin): T;
}

interface ScopedHandle {
  getExecutor(): { readonly plugins: ReadonlyArray<KyselyPlugin> };
}

/**
 * For a query compiled once and executed as a `CompiledQuery` (which no plugin sees) on `db`: when
 * `db` (or the transaction) came from `scopeToTrace`, the query joins that trace like a built one.
 */
export function tagQueryWithTrace(query: CompiledQuery, db: ScopedHandle): CompiledQuery {
  const scope = db.getExecutor().plugins.find((p): p is TraceScopePlugin => p instanceof TraceScopePlugin);
  if (scope !== undefined) queryParents.set(query.queryId, scope.parent);
  return query;
}

/** Does `ctx` hold a recording (sampled) span, i.e. would work done under it be traced? */
export function isSampledTrace(ctx: Context | undefined): ctx is Context {
  return ctx !== undefined && trace.getSpan(ctx)?.isRecording() === true;
}

/**
 * The database handle to use for work done on behalf of a trace: when `parent` holds a sampled
 * (recording) span, a handle whose queries — transactions started from it included — become
 * CLIENT spans under that span; otherwise `db` itself, so unsampled requests pay nothing.
 * Queries through handles that were not scoped are not traced (background work makes no root spans).
 */
export function scopeToTrace<T extends PluggableDb<T>>(db: T, parent: Context | undefined): T {
  return isSampledTrace(parent) ? db.withPlugin(new TraceScopePlugin(parent)) : db;
}

const MAX_QUERY_TEXT = 2000;

/**
 * Wraps a Kysely dialect so every query compiled through a handle from `scopeToTrace` is a CLIENT
 * span `SELECT reports` with `db.system.name`, `db.operation.name` and the parameterised SQL
 * (`db.query.text`; values are placeholders, so no personal data reaches the trace). Failed
 * queries mark the span ERROR.
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
  private readonly driver: Driver;
  private readonly options: TracedDialectOptions;

  constructor(
    driver: Driver,
    options: TracedDialectOptions,
  ) {
    this.driver = driver;
    this.options = options;
  }

  init = () => this.driver.init();
  destroy = () => this.driver.destroy();

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.driver.acquireConnection();
    const wrapped: DatabaseConnection = {
      executeQuery: <R>(query: CompiledQuery) => this.traced(query, () => connection.executeQuery<R>(query)),
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => connection.streamQuery<R>(query, chunkSize ?? 1),
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
    const parent = queryParents.get(query.queryId);
    if (parent === undefined) return run();
    const tracer = this.options.tracer ?? trace.getTracer(TRACER_SCOPE);
    const { operation, target } = describeQuery(query.sql);
    const attributes = {
      [ATTR_DB_SYSTEM]: this.options.system,
      [ATTR_DB_OPERATION]: operation,
      [ATTR_DB_QUERY_TEXT]: query.sql.length > MAX_QUERY_TEXT ? `${query.sql.slice(0, MAX_QUERY_TEXT)}…` : query.sql,
    };
    return runInSpan(tracer, target === undefined ? operation : `${operation} ${target}`, attributes, run, { kind: SpanKind.CLIENT, parent });
  }
}

const TARGET = /\b(?:from|into|update|join)\s+["`]?([A-Za-z_][A-Za-z0-9_]*)/i;

/** Operation keyword and first table of a SQL statement (both low-cardinality, safe as a span name). */
export function describeQuery(sql: string): { operation: string; target: string | undefined } {
  const operation = (/^\s*([A-Za-z]+)/.exec(sql)?.[1] ?? 'QUERY').toUpperCase();
  return { operation, target: TARGET.exec(sql)?.[1] };
}

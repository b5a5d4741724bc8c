import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';

/**
 * A context manager without async hooks: `with(ctx, fn)` makes `ctx` active for `fn`'s synchronous
 * execution only. Node 20's AsyncLocalStorage (OpenTelemetry's default manager) installs promise
 * hooks that tax every promise in the process, sampled or not: 25–35 µs on a ~100 µs request
 * here. Instead, a request's context travels explicitly (the request object, the ai-core client
 * call, a database handle scoped to the trace), and only synchronous nesting — an engine stage
 * inside its analysis, a query compiled inside its scope — relies on the active context.
 */
export class SyncContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;

  active(): Context {
    return this.current;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    const previous = this.current;
    this.current = ctx;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }

  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const fn = target as unknown as (...args: unknown[]) => unknown;
    const manager = this;
    return function bound(this: unknown, ...args: unknown[]) {
      return manager.with(ctx, () => fn.apply(this, args));
    } as unknown as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }
}

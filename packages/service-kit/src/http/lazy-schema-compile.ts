import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

/**
 * Route schemas compiled on first use instead of at start-up.
 *
 * Fastify compiles every route's validators (Ajv) and response serializers (fast-json-stringify)
 * while the app gets ready. For the backend's ~100 routes that was most of its start-up CPU
 * after module loading, which made a restart after a crash take seconds on a busy machine while
 * clients waited. Each compiled function here is a stand-in that compiles its schema the first
 * time a request needs it; `warmUpSchemas` compiles the rest in the background once the service
 * serves, so a schema that does not compile is still reported at start, in the log.
 */

const pending = new Set<() => unknown>();

/** `compile`'s result, made on the first call and remembered; listed for the warm-up until then. */
function onFirstUse<F>(compile: () => F): () => F {
  let compiled: F | undefined;
  const ensure = (): F => {
    if (compiled === undefined) {
      pending.delete(ensure);
      compiled = compile();
    }
    return compiled;
  };
  pending.add(ensure);
  return ensure;
}

/** The same validator, compiled on first call; Ajv's `errors` are mirrored onto the stand-in. */
export function lazyValidator<F extends (data: unknown) => unknown>(compile: () => F): F {
  const ensure = onFirstUse(compile);
  const validate = ((data: unknown) => {
    const fn = ensure();
    const result = fn(data);
    (validate as { errors?: unknown }).errors = (fn as { errors?: unknown }).errors;
    return result;
  }) as F;
  return validate;
}

/** The same serializer, compiled on first call. */
export function lazySerializer<F extends (doc: unknown) => string>(compile: () => F): F {
  const ensure = onFirstUse(compile);
  return ((doc: unknown) => ensure()(doc)) as F;
}

/** Schemas not compiled yet (for tests and the warm-up). */
export function pendingSchemaCount(): number {
  return pending.size;
}

/**
 * After `delayMs`, compiles every schema not compiled yet, one per turn of the event loop so
 * requests keep being served in between. A schema that fails to compile is reported through
 * `onError` (and fails again, with the same error, on the request that needs it).
 */
export async function warmUpSchemas(delayMs: number, onError: (error: unknown) => void): Promise<void> {
  await sleep(delayMs, undefined, { ref: false });
  for (const ensure of [...pending]) {
    try {
      ensure();
    } catch (error) {
      pending.delete(ensure);
      onError(error);
    }
    await nextTurn(undefined, { ref: false });
  }
}

import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { HmacKeyRing } from './hmac-keys.ts';

/**
 * Binds the HMAC key ring to a database handle. Features append audit entries with whatever
 * Kysely instance or transaction they hold (initiator.ts), so the key must travel with it: a
 * Kysely plugin does (transactions inherit their parent's plugins), and it changes no query.
 */
class AuditKeys implements KyselyPlugin {
  readonly ring: HmacKeyRing;

  constructor(ring: HmacKeyRing) {
    this.ring = ring;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** The same database, able to seal audit entries with `ring`. */
export function withAuditKeys<DB>(db: Kysely<DB>, ring: HmacKeyRing): Kysely<DB> {
  return db.withPlugin(new AuditKeys(ring));
}

export function auditKeysOf<DB>(db: Kysely<DB>): HmacKeyRing {
  // getExecutor() is how Kysely itself reaches a query's plugins (migrate.ts uses it for the adapter).
  const bound = db.getExecutor().plugins.find((p): p is AuditKeys => p instanceof AuditKeys);
  if (!bound)
    throw new Error(
      "audit entries need the HMAC key ring: append through the app's `fastify.db` (or withAuditKeys(db, ring))",
    );
  return bound.ring;
}

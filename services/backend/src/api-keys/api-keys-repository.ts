import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiKey, Role } from '@ethixai/contracts';
import type { ApiKeysTable, Database } from '../db/schema.ts';
import { iso } from '../db/sql-helpers.ts';

export interface NewApiKey {
  orgId: string;
  createdBy: string;
  name: string;
  prefix: string;
  hash: string;
  role: Role;
  rateLimitPerMinute: number;
}

/** What authentication needs about a key, joined with its creator's state. */
export interface ApiKeyAuthRow {
  id: string;
  org_id: string;
  role: Role;
  rate_limit_per_min: number;
  created_by: string;
  revoked_at: number | null;
  creator_deactivated_at: number | null;
  creator_role: Role;
}

export function toApiKeyDto(row: ApiKeysTable): ApiKey {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    rateLimitPerMinute: row.rate_limit_per_min,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

export function createApiKeysRepository(db: Kysely<Database>) {
  return {
    async create(key: NewApiKey, now = Date.now()): Promise<ApiKeysTable> {
      const row: ApiKeysTable = {
        id: randomUUID(),
        org_id: key.orgId,
        created_by: key.createdBy,
        name: key.name,
        prefix: key.prefix,
        key_hash: key.hash,
        role: key.role,
        rate_limit_per_min: key.rateLimitPerMinute,
        created_at: now,
        last_used_at: null,
        revoked_at: null,
      };
      await db.insertInto('api_keys').values(row).execute();
      return row;
    },
    findForAuth(hash: string): Promise<ApiKeyAuthRow | undefined> {
      return db
        .selectFrom('api_keys')
        .innerJoin('users', 'users.id', 'api_keys.created_by')
        .select([
          'api_keys.id',
          'api_keys.org_id',
          'api_keys.role',
          'api_keys.rate_limit_per_min',
          'api_keys.created_by',
          'api_keys.revoked_at',
          'users.deactivated_at as creator_deactivated_at',
          'users.role as creator_role',
        ])
        .where('api_keys.key_hash', '=', hash)
        .executeTakeFirst();
    },
    findInOrg(orgId: string, id: string): Promise<ApiKeysTable | undefined> {
      return db.selectFrom('api_keys').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
    },
    /** All of the org's keys, or only those created by `createdBy`. */
    list(orgId: string, createdBy?: string): Promise<ApiKeysTable[]> {
      let q = db.selectFrom('api_keys').selectAll().where('org_id', '=', orgId);
      if (createdBy !== undefined) q = q.where('created_by', '=', createdBy);
      return q.orderBy('created_at').orderBy('id').execute();
    },
    async revoke(orgId: string, id: string, now = Date.now()): Promise<void> {
      await db
        .updateTable('api_keys')
        .set({ revoked_at: now })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
    async revokeAllCreatedBy(userId: string, now = Date.now()): Promise<number> {
      const r = await db
        .updateTable('api_keys')
        .set({ revoked_at: now })
        .where('created_by', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async touch(id: string, now = Date.now()): Promise<void> {
      await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
    },
  };
}

export type ApiKeysRepository = ReturnType<typeof createApiKeysRepository>;

import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Role } from '@ethixai/contracts';
import type { Database } from '../db/schema.ts';
import { httpError } from '../errors.ts';
import { createUsersRepository } from '../users/users-repository.ts';
import { createApiKeysRepository } from '../api-keys/api-keys-repository.ts';
import { API_KEY_PATTERN, sha256Hex } from '../api-keys/api-key-secret.ts';
import type { AccessTokenIssuer } from './access-tokens.ts';
import { roleRank, type Principal } from './principal.ts';

interface UserState {
  orgId: string;
  role: Role;
  active: boolean;
}

const LAST_USED_WRITE_INTERVAL_MS = 60_000;
const CACHE_MAX_ENTRIES = 10_000;

/** Entries live `ttlMs` (PRINCIPAL_CACHE_TTL_MS); 0 turns the cache off. */
function ttlCache<V extends NonNullable<unknown>>(ttlMs: number): LRUCache<string, V> | undefined {
  return ttlMs > 0 ? new LRUCache<string, V>({ max: CACHE_MAX_ENTRIES, ttl: ttlMs }) : undefined;
}

/**
 * Turns request credentials into a Principal. The user's CURRENT role and active flag come from
 * the database (through a short-TTL cache), not from the token, so a role change or deactivation
 * takes effect within PRINCIPAL_CACHE_TTL_MS everywhere and immediately in this process.
 */
export function createAuthenticator(db: Kysely<Database>, tokens: AccessTokenIssuer, cacheTtlMs: number) {
  const users = createUsersRepository(db);
  const keys = createApiKeysRepository(db);
  const userCache = ttlCache<UserState>(cacheTtlMs);
  // false: the key is unknown or revoked (cached too, so a bad key cannot hammer the database).
  const keyCache = ttlCache<Principal | false>(cacheTtlMs);
  const lastUsedWritten = new Map<string, number>();

  async function userState(id: string): Promise<UserState | undefined> {
    const cached = userCache?.get(id);
    if (cached) return cached;
    const row = await users.findById(id);
    if (!row) return undefined;
    const state = { orgId: row.org_id, role: row.role, active: row.deactivated_at === null };
    userCache?.set(id, state);
    return state;
  }

  function touchKey(id: string, now: number): void {
    if (now - (lastUsedWritten.get(id) ?? 0) < LAST_USED_WRITE_INTERVAL_MS) return;
    lastUsedWritten.set(id, now);
    // Best effort: last-used is informational and must never fail or slow a request.
    keys.touch(id, now).catch(() => lastUsedWritten.delete(id));
  }

  return {
    async fromBearer(token: string): Promise<Principal> {
      const claims = await tokens.verify(token);
      const state = await userState(claims.sub);
      if (!state || state.orgId !== claims.org)
        throw httpError('BE_ERR_INVALID_TOKEN', 'Access token subject is unknown');
      if (!state.active) throw httpError('BE_ERR_USER_DEACTIVATED', 'User is deactivated');
      return { kind: 'user', id: claims.sub, orgId: state.orgId, role: state.role, ownerUserId: claims.sub };
    },

    /**
     * The principal of an API key already known valid in this process's cache, without a
     * promise (the hot path of machine traffic); undefined when it must be looked up (or refused)
     * by `fromApiKey`.
     */
    cachedApiKey(secret: string, now = Date.now()): Principal | undefined {
      if (!API_KEY_PATTERN.test(secret)) return undefined;
      const principal = keyCache?.get(sha256Hex(secret));
      if (!principal) return undefined;
      touchKey(principal.id, now);
      return principal;
    },

    async fromApiKey(secret: string, now = Date.now()): Promise<Principal> {
      if (!API_KEY_PATTERN.test(secret)) throw httpError('BE_ERR_INVALID_API_KEY', 'API key is malformed');
      const hash = sha256Hex(secret);
      let principal = keyCache?.get(hash);
      if (principal === undefined) {
        const row = await keys.findForAuth(hash);
        principal =
          row && row.revoked_at === null && row.creator_deactivated_at === null
            ? {
                kind: 'api_key',
                id: row.id,
                orgId: row.org_id,
                // A key never outranks its creator, even after the creator is demoted.
                role: roleRank(row.role) <= roleRank(row.creator_role) ? row.role : row.creator_role,
                ownerUserId: row.created_by,
                rateLimitPerMinute: row.rate_limit_per_min,
              }
            : false;
        keyCache?.set(hash, principal);
      }
      if (principal === false) throw httpError('BE_ERR_INVALID_API_KEY', 'API key is unknown or revoked');
      touchKey(principal.id, now);
      return principal;
    },

    /** Call after a user's role or active flag changes, or a key is revoked. */
    invalidateUser(id: string): void {
      userCache?.delete(id);
      keyCache?.clear();
    },
    invalidateKeys(): void {
      keyCache?.clear();
    },
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;

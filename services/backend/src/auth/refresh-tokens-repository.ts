import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, RefreshTokensTable } from '../db/schema.ts';
import { sha256Hex } from '../api-keys/api-key-secret.ts';

export type RotateOutcome =
  | { kind: 'rotated'; previous: RefreshTokensTable; token: string; row: RefreshTokensTable }
  | { kind: 'reused'; familyId: string }
  | { kind: 'invalid' };

/**
 * Opaque refresh tokens (`ethr_` + 256 random bits), stored as SHA-256. Rotation consumes a token
 * with a conditional UPDATE, so of two concurrent presentations exactly one wins; presenting a
 * consumed token again is reuse and revokes every token of its family.
 */
export function createRefreshTokensRepository(db: Kysely<Database>) {
  async function insert(userId: string, orgId: string, familyId: string, ttlMs: number, now: number) {
    const token = `ethr_${randomBytes(32).toString('base64url')}`;
    const row: RefreshTokensTable = {
      id: randomUUID(),
      family_id: familyId,
      user_id: userId,
      org_id: orgId,
      token_hash: sha256Hex(token),
      created_at: now,
      expires_at: now + ttlMs,
      used_at: null,
      revoked_at: null,
    };
    await db.insertInto('refresh_tokens').values(row).execute();
    return { token, row };
  }

  return {
    /** A new family, at login. */
    issue(userId: string, orgId: string, ttlMs: number, now = Date.now()) {
      return insert(userId, orgId, randomUUID(), ttlMs, now);
    },

    async rotate(token: string, ttlMs: number, now = Date.now()): Promise<RotateOutcome> {
      return db.transaction().execute(async (trx) => {
        const hash = sha256Hex(token);
        const consumed = await trx
          .updateTable('refresh_tokens')
          .set({ used_at: now })
          .where('token_hash', '=', hash)
          .where('used_at', 'is', null)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', now)
          .executeTakeFirst();
        const row = await trx
          .selectFrom('refresh_tokens')
          .selectAll()
          .where('token_hash', '=', hash)
          .executeTakeFirst();
        if (!row) return { kind: 'invalid' } as const;
        if (Number(consumed.numUpdatedRows) === 1) {
          const next = await createRefreshTokensRepository(trx).insertInFamily(row, ttlMs, now);
          return { kind: 'rotated', previous: row, ...next } as const;
        }
        if (row.used_at !== null) {
          await trx
            .updateTable('refresh_tokens')
            .set({ revoked_at: now })
            .where('family_id', '=', row.family_id)
            .where('revoked_at', 'is', null)
            .execute();
          return { kind: 'reused', familyId: row.family_id } as const;
        }
        return { kind: 'invalid' } as const;
      });
    },

    insertInFamily(previous: RefreshTokensTable, ttlMs: number, now: number) {
      return insert(previous.user_id, previous.org_id, previous.family_id, ttlMs, now);
    },

    /** Logout: revoke the presented token's whole family. Returns false when the token is unknown. */
    async revokeFamilyOf(token: string, now = Date.now()): Promise<boolean> {
      const row = await db
        .selectFrom('refresh_tokens')
        .select('family_id')
        .where('token_hash', '=', sha256Hex(token))
        .executeTakeFirst();
      if (!row) return false;
      await db
        .updateTable('refresh_tokens')
        .set({ revoked_at: now })
        .where('family_id', '=', row.family_id)
        .where('revoked_at', 'is', null)
        .execute();
      return true;
    },

    async revokeAllForUser(userId: string, now = Date.now()): Promise<number> {
      const r = await db
        .updateTable('refresh_tokens')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    findFamily(familyId: string): Promise<RefreshTokensTable[]> {
      return db
        .selectFrom('refresh_tokens')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('created_at')
        .execute();
    },
  };
}

export type RefreshTokensRepository = ReturnType<typeof createRefreshTokensRepository>;

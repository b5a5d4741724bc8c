import type { Kysely } from 'kysely';
import type { MeResponse, TokenPair } from '@ethixai/contracts';
import type { Database, UsersTable } from '../db/schema.ts';
import { httpError } from '../errors.ts';
import { createUsersRepository } from '../users/users-repository.ts';
import type { AccessTokenIssuer } from './access-tokens.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import type { Principal } from './principal.ts';
import { createRefreshTokensRepository } from './refresh-tokens-repository.ts';

/** Login, refresh rotation and logout: the session lifecycle, independent of HTTP. */
export function createSessionService(db: Kysely<Database>, tokens: AccessTokenIssuer, refreshTtlSeconds: number) {
  const users = createUsersRepository(db);
  const refresh = createRefreshTokensRepository(db);
  const refreshTtlMs = refreshTtlSeconds * 1000;

  async function pair(user: Pick<UsersTable, 'id' | 'org_id' | 'role'>, refreshToken: string): Promise<TokenPair> {
    const accessToken = await tokens.sign({ sub: user.id, org: user.org_id, role: user.role });
    return {
      tokenType: 'Bearer',
      accessToken,
      expiresIn: tokens.ttlSeconds,
      refreshToken,
      refreshExpiresIn: refreshTtlSeconds,
    };
  }

  return {
    async login(email: string, password: string): Promise<TokenPair> {
      const user = await users.findByEmail(email);
      // Always run one argon2 verification so response time does not reveal whether the email exists.
      const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
      if (!user || !ok) throw httpError('BE_ERR_INVALID_CREDENTIALS', 'Email or password is wrong');
      if (user.deactivated_at !== null) throw httpError('BE_ERR_USER_DEACTIVATED', 'User is deactivated');
      const { token } = await refresh.issue(user.id, user.org_id, refreshTtlMs);
      return pair(user, token);
    },

    async refresh(token: string): Promise<TokenPair> {
      const outcome = await refresh.rotate(token, refreshTtlMs);
      if (outcome.kind === 'reused') {
        throw httpError(
          'BE_ERR_REFRESH_REUSED',
          'Refresh token was already used; all sessions of this login are revoked',
        );
      }
      if (outcome.kind === 'invalid')
        throw httpError('BE_ERR_REFRESH_INVALID', 'Refresh token is unknown, expired or revoked');
      const user = await users.findById(outcome.previous.user_id);
      if (!user || user.deactivated_at !== null) {
        await refresh.revokeAllForUser(outcome.previous.user_id);
        throw httpError('BE_ERR_USER_DEACTIVATED', 'User is deactivated');
      }
      return pair(user, outcome.token);
    },

    async logout(token: string): Promise<void> {
      if (!(await refresh.revokeFamilyOf(token))) throw httpError('BE_ERR_REFRESH_INVALID', 'Refresh token is unknown');
    },

    /** The calling principal; a user's email and name come from the database. */
    async whoAmI(principal: Principal): Promise<MeResponse> {
      const { kind, id, orgId, role } = principal;
      if (kind === 'api_key') return { kind, id, orgId, role };
      const user = await users.findById(id);
      return { kind, id, orgId, role, email: user?.email, name: user?.name };
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

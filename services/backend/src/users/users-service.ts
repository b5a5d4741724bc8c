import type { Kysely } from 'kysely';
import type { CreateUserBody, CreatedUser, Role, User } from '@ethixai/contracts';
import type { Database } from '../db/schema.ts';
import { httpError } from '../errors.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { createRefreshTokensRepository } from '../auth/refresh-tokens-repository.ts';
import { createApiKeysRepository } from '../api-keys/api-keys-repository.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import { auditChange, type Initiator } from '../audit-log/initiator.ts';
import { createUsersRepository, toUserDto } from './users-repository.ts';

/**
 * Admin operations on an organisation's users. Every call is scoped to one organisation (a
 * change: the initiator's, `by.orgId`); other organisations' users are 404. Every change appends
 * its audit entry in the transaction that makes it; the entry holds ids and a digest only, never
 * the email or the name.
 */
export function createUsersService(db: Kysely<Database>, authenticator: Authenticator) {
  const users = createUsersRepository(db);

  async function mustFind(orgId: string, id: string) {
    const row = await users.findInOrg(orgId, id);
    if (!row) throw httpError('BE_ERR_USER_NOT_FOUND', `User ${id} not found`);
    return row;
  }

  async function guardLastAdmin(
    trx: Kysely<Database>,
    orgId: string,
    row: { role: Role; deactivated_at: number | null },
  ) {
    if (row.role !== 'admin' || row.deactivated_at !== null) return;
    if ((await createUsersRepository(trx).countActiveAdmins(orgId)) <= 1) {
      throw httpError('BE_ERR_LAST_ADMIN', 'The organisation must keep at least one active admin');
    }
  }

  return {
    async create(body: CreateUserBody, by: Initiator): Promise<CreatedUser> {
      const { orgId } = by;
      const initialPassword = body.password === undefined ? generatePassword() : undefined;
      const passwordHash = await hashPassword(body.password ?? (initialPassword as string));
      const row = await db.transaction().execute(async (trx) => {
        const created = await createUsersRepository(trx).create({
          orgId,
          email: body.email,
          name: body.name ?? body.email.split('@')[0],
          passwordHash,
          role: body.role,
        });
        await auditChange(
          trx,
          by,
          'user.create',
          { type: 'user', id: created.id },
          { email: created.email, name: created.name, role: created.role },
        );
        return created;
      });
      return initialPassword === undefined ? { user: toUserDto(row) } : { user: toUserDto(row), initialPassword };
    },

    async list(orgId: string, page: { limit: number; offset: number }) {
      const { items, total } = await users.listByOrg(orgId, page);
      return { items: items.map(toUserDto), total };
    },

    async get(orgId: string, id: string): Promise<User> {
      return toUserDto(await mustFind(orgId, id));
    },

    async setRole(id: string, role: Role, by: Initiator): Promise<User> {
      const { orgId } = by;
      await db.transaction().execute(async (trx) => {
        const row = await createUsersRepository(trx).findInOrg(orgId, id);
        if (!row) throw httpError('BE_ERR_USER_NOT_FOUND', `User ${id} not found`);
        if (role !== 'admin') await guardLastAdmin(trx, orgId, row);
        await createUsersRepository(trx).setRole(orgId, id, role);
        await auditChange(trx, by, 'user.role.update', { type: 'user', id }, { from: row.role, to: role });
      });
      authenticator.invalidateUser(id);
      return toUserDto(await mustFind(orgId, id));
    },

    /** Deactivate and, in the same transaction, revoke every refresh token and API key of the user. */
    async deactivate(id: string, by: Initiator): Promise<User> {
      const { orgId } = by;
      await db.transaction().execute(async (trx) => {
        const row = await createUsersRepository(trx).findInOrg(orgId, id);
        if (!row) throw httpError('BE_ERR_USER_NOT_FOUND', `User ${id} not found`);
        await guardLastAdmin(trx, orgId, row);
        // Deactivating twice changes nothing, so it is recorded once.
        if (row.deactivated_at !== null) return;
        const now = Date.now();
        await createUsersRepository(trx).deactivate(orgId, id, now);
        await createRefreshTokensRepository(trx).revokeAllForUser(id, now);
        const keys = await createApiKeysRepository(trx).revokeAllCreatedBy(id, now);
        await auditChange(
          trx,
          by,
          'user.deactivate',
          { type: 'user', id },
          { deactivatedAt: now, apiKeysRevoked: keys },
        );
      });
      authenticator.invalidateUser(id);
      return toUserDto(await mustFind(orgId, id));
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;

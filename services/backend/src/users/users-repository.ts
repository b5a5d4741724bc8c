import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role, User } from '@ethixai/contracts';
import type { Database, UsersTable } from '../db/schema.ts';
import { iso, isUniqueViolation } from '../db/sql-helpers.ts';
import { httpError } from '../errors.ts';

export interface NewUser {
  orgId: string;
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
}

export function toUserDto(row: UsersTable): User {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.deactivated_at === null,
    createdAt: iso(row.created_at),
    deactivatedAt: iso(row.deactivated_at),
  };
}

/** Queries over `users`; org-scoped reads take the caller's orgId so cross-tenant access is impossible. */
export function createUsersRepository(db: Kysely<Database>) {
  return {
    async create(user: NewUser, now = Date.now()): Promise<UsersTable> {
      const row: UsersTable = {
        id: randomUUID(),
        org_id: user.orgId,
        email: user.email.toLowerCase(),
        name: user.name,
        password_hash: user.passwordHash,
        role: user.role,
        created_at: now,
        updated_at: now,
        deactivated_at: null,
      };
      try {
        await db.insertInto('users').values(row).execute();
      } catch (err) {
        if (isUniqueViolation(err))
          throw httpError('BE_ERR_EMAIL_TAKEN', `A user with email ${row.email} already exists`);
        throw err;
      }
      return row;
    },
    findByEmail(email: string): Promise<UsersTable | undefined> {
      return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    },
    findById(id: string): Promise<UsersTable | undefined> {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findInOrg(orgId: string, id: string): Promise<UsersTable | undefined> {
      return db.selectFrom('users').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
    },
    async listByOrg(
      orgId: string,
      page: { limit: number; offset: number },
    ): Promise<{ items: UsersTable[]; total: number }> {
      const items = await db
        .selectFrom('users')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('created_at')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      const { n } = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', orgId)
        .executeTakeFirstOrThrow();
      return { items, total: Number(n) };
    },
    async setRole(orgId: string, id: string, role: Role, now = Date.now()): Promise<void> {
      await db
        .updateTable('users')
        .set({ role, updated_at: now })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .execute();
    },
    async deactivate(orgId: string, id: string, now = Date.now()): Promise<void> {
      await db
        .updateTable('users')
        .set({ deactivated_at: now, updated_at: now })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('deactivated_at', 'is', null)
        .execute();
    },
    async countActiveAdmins(orgId: string): Promise<number> {
      const { n } = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', orgId)
        .where('role', '=', 'admin')
        .where('deactivated_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(n);
    },
    async countAll(): Promise<number> {
      const { n } = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(n);
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;

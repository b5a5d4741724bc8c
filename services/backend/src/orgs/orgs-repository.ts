import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, OrganisationsTable } from '../db/schema.ts';

export const DEFAULT_RETENTION_DAYS = 365;

export function createOrgsRepository(db: Kysely<Database>) {
  return {
    async create(name: string, now = Date.now()): Promise<OrganisationsTable> {
      const row = { id: randomUUID(), name, retention_days: DEFAULT_RETENTION_DAYS, created_at: now };
      await db.insertInto('organisations').values(row).execute();
      return row;
    },
    findById(id: string): Promise<OrganisationsTable | undefined> {
      return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async setRetentionDays(id: string, days: number): Promise<void> {
      await db.updateTable('organisations').set({ retention_days: days }).where('id', '=', id).execute();
    },
  };
}

export type OrgsRepository = ReturnType<typeof createOrgsRepository>;

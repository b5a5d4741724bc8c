import type { Role } from '@ethixai/contracts';
import type { MonitoringTables } from '../monitoring/db-tables.ts';
import type { AnalysesTables } from '../analyses/analyses-tables.ts';
import type { AuditLogTables } from '../audit-log/audit-log-table.ts';
import type { RateLimitTables } from '../rate-limit/rate-limit-table.ts';

/**
 * Table types for Kysely. Conventions (both dialects): ids are text UUIDs, timestamps are epoch
 * milliseconds in bigint columns (the pg pool parses int8 as number), JSON is text, and "flags" are
 * nullable timestamps (`deactivated_at`, `revoked_at`) rather than booleans, which SQLite lacks.
 *
 * Other areas declare their tables in their own folder and add one `extends` entry below.
 */
export interface OrganisationsTable {
  id: string;
  name: string;
  retention_days: number;
  created_at: number;
}

export interface UsersTable {
  id: string;
  org_id: string;
  /** Stored lower-cased; unique across the platform because login is by email alone. */
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  created_at: number;
  updated_at: number;
  deactivated_at: number | null;
}

export interface RefreshTokensTable {
  id: string;
  /** Every token descending from one login shares its family; reuse revokes the family. */
  family_id: string;
  user_id: string;
  org_id: string;
  /** SHA-256 (hex) of the opaque token; the token itself is never stored. */
  token_hash: string;
  created_at: number;
  expires_at: number;
  /** Set when the token is exchanged for its successor; presenting it again is reuse. */
  used_at: number | null;
  revoked_at: number | null;
}

export interface ApiKeysTable {
  id: string;
  org_id: string;
  created_by: string;
  name: string;
  prefix: string;
  key_hash: string;
  role: Role;
  rate_limit_per_min: number;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface CoreTables {
  organisations: OrganisationsTable;
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  api_keys: ApiKeysTable;
}

export interface Database extends CoreTables, MonitoringTables, AnalysesTables, AuditLogTables, RateLimitTables {}

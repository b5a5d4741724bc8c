import type { Role } from '@ethixai/contracts';

/** Who is calling: set on `request.principal` by the auth hook for every non-public route. */
export interface Principal {
  readonly kind: 'user' | 'api_key';
  readonly id: string;
  readonly orgId: string;
  readonly role: Role;
  /** For API keys: the user who created the key (its rights never exceed theirs). */
  readonly ownerUserId: string;
  /** Requests per rate-limit window allowed for this principal's own bucket (API keys only). */
  readonly rateLimitPerMinute?: number;
}

const RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };

export function roleRank(role: Role): number {
  return RANK[role];
}

/** True when `role` grants at least what `minimum` grants (admin ⊇ analyst ⊇ viewer). */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

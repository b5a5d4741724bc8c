import type { Kysely } from 'kysely';
import type { ApiKey, CreateApiKeyBody, CreatedApiKey } from '@ethixai/contracts';
import type { Database } from '../db/schema.ts';
import { httpError } from '../errors.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import { roleAtLeast, roleRank, type Principal } from '../auth/principal.ts';
import { generateApiKey } from './api-key-secret.ts';
import { createApiKeysRepository, toApiKeyDto } from './api-keys-repository.ts';

/**
 * API keys belong to the organisation and are created by a user (never by another key, so a key
 * cannot mint keys). Admins see and revoke all of the org's keys; others only their own.
 */
export function createApiKeysService(db: Kysely<Database>, authenticator: Authenticator, defaultPerMinute: number) {
  const keys = createApiKeysRepository(db);

  function mustBeUser(principal: Principal): void {
    if (principal.kind !== 'user') throw httpError('BE_ERR_FORBIDDEN', 'API keys are managed by users, not by other API keys');
  }

  return {
    async create(principal: Principal, body: CreateApiKeyBody): Promise<CreatedApiKey> {
      mustBeUser(principal);
      if (roleRank(body.role) > roleRank(principal.role)) {
        throw httpError('BE_ERR_ROLE_ABOVE_CREATOR', `A ${principal.role} cannot create a key with the ${body.role} role`);
      }
      const { secret, prefix, hash } = generateApiKey();
      const row = await keys.create({
        orgId: principal.orgId,
        createdBy: principal.id,
        name: body.name,
        prefix,
        hash,
        role: body.role,
        rateLimitPerMinute: body.rateLimitPerMinute ?? defaultPerMinute,
      });
      return { apiKey: toApiKeyDto(row), secret };
    },

    async list(principal: Principal): Promise<{ items: ApiKey[] }> {
      mustBeUser(principal);
      const own = roleAtLeast(principal.role, 'admin') ? undefined : principal.id;
      return { items: (await keys.list(principal.orgId, own)).map(toApiKeyDto) };
    },

    async revoke(principal: Principal, id: string): Promise<ApiKey> {
      mustBeUser(principal);
      const row = await keys.findInOrg(principal.orgId, id);
      const visible = row && (roleAtLeast(principal.role, 'admin') || row.created_by === principal.id);
      if (!row || !visible) throw httpError('BE_ERR_API_KEY_NOT_FOUND', `API key ${id} not found`);
      await keys.revoke(principal.orgId, id);
      authenticator.invalidateKeys();
      return toApiKeyDto((await keys.findInOrg(principal.orgId, id)) ?? row);
    },
  };
}

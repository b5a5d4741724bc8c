import type { Kysely } from 'kysely';
import type { ApiKey, CreateApiKeyBody, CreatedApiKey } from '@ethixai/contracts';
import type { Database } from '../db/schema.ts';
import { httpError } from '../errors.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import { roleAtLeast, roleRank, type Principal } from '../auth/principal.ts';
import { generateApiKey } from './api-key-secret.ts';
import { auditChange, initiatorOf } from '../audit-log/initiator.ts';
import { createApiKeysRepository, toApiKeyDto } from './api-keys-repository.ts';

/**
 * API keys belong to the organisation and are created by a user (never by another key, so a key
 * cannot mint keys). Admins see and revoke all of the org's keys; others only their own. Creating
 * and revoking append an audit entry in the same transaction (key id and a digest; never the secret).
 */
export function createApiKeysService(db: Kysely<Database>, authenticator: Authenticator, defaultPerMinute: number) {
  const keys = createApiKeysRepository(db);

  function mustBeUser(principal: Principal): void {
    if (principal.kind !== 'user')
      throw httpError('BE_ERR_FORBIDDEN', 'API keys are managed by users, not by other API keys');
  }

  return {
    async create(principal: Principal, body: CreateApiKeyBody, requestId: string): Promise<CreatedApiKey> {
      mustBeUser(principal);
      if (roleRank(body.role) > roleRank(principal.role)) {
        throw httpError(
          'BE_ERR_ROLE_ABOVE_CREATOR',
          `A ${principal.role} cannot create a key with the ${body.role} role`,
        );
      }
      const { secret, prefix, hash } = generateApiKey();
      const row = await db.transaction().execute(async (trx) => {
        const created = await createApiKeysRepository(trx).create({
          orgId: principal.orgId,
          createdBy: principal.id,
          name: body.name,
          prefix,
          hash,
          role: body.role,
          rateLimitPerMinute: body.rateLimitPerMinute ?? defaultPerMinute,
        });
        const change = {
          name: created.name,
          role: created.role,
          prefix: created.prefix,
          rateLimitPerMinute: created.rate_limit_per_min,
        };
        await auditChange(
          trx,
          initiatorOf(principal, requestId),
          'api_key.create',
          { type: 'api_key', id: created.id },
          change,
        );
        return created;
      });
      return { apiKey: toApiKeyDto(row), secret };
    },

    async list(principal: Principal): Promise<{ items: ApiKey[] }> {
      mustBeUser(principal);
      const own = roleAtLeast(principal.role, 'admin') ? undefined : principal.id;
      return { items: (await keys.list(principal.orgId, own)).map(toApiKeyDto) };
    },

    async revoke(principal: Principal, id: string, requestId: string): Promise<ApiKey> {
      mustBeUser(principal);
      const row = await keys.findInOrg(principal.orgId, id);
      const visible = row && (roleAtLeast(principal.role, 'admin') || row.created_by === principal.id);
      if (!row || !visible) throw httpError('BE_ERR_API_KEY_NOT_FOUND', `API key ${id} not found`);
      if (row.revoked_at === null) {
        await db.transaction().execute(async (trx) => {
          const now = Date.now();
          await createApiKeysRepository(trx).revoke(principal.orgId, id, now);
          await auditChange(
            trx,
            initiatorOf(principal, requestId),
            'api_key.revoke',
            { type: 'api_key', id },
            { revokedAt: now },
          );
        });
      }
      authenticator.invalidateKeys();
      return toApiKeyDto((await keys.findInOrg(principal.orgId, id)) ?? row);
    },
  };
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>;

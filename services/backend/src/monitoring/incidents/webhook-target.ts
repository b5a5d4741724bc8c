import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { ConfigError } from '@ethixai/service-kit';
import type { Database } from '../../db/schema.ts';
import { createOrgsRepository } from '../../orgs/orgs-repository.ts';

/**
 * Where Alertmanager's incidents go, checked once at start. Configured (INCIDENTS_ORG_ID): the
 * organisation must exist and a bearer token must be set, or the process refuses to start (exit
 * 78), since alerts silently landing nowhere, or in a tenant nobody chose, is worse than no start.
 * Not configured: the webhook is off (503 BE_ERR_WEBHOOK_DISABLED, which Alertmanager counts as a
 * failed notification, so AlertNotificationsFailing fires) and the log says why, once.
 */
export async function resolveWebhookTarget(
  db: Kysely<Database>,
  orgId: string | undefined,
  tokens: readonly string[],
  log: FastifyBaseLogger,
): Promise<string | null> {
  if (orgId === undefined) {
    log.warn(
      'incidents webhook disabled: INCIDENTS_ORG_ID is not set, so POST /v1/alerts/webhook answers 503 BE_ERR_WEBHOOK_DISABLED',
    );
    return null;
  }
  const problems = [];
  if ((await createOrgsRepository(db).findById(orgId)) === undefined)
    problems.push({ name: 'INCIDENTS_ORG_ID', problem: `no organisation has the id "${orgId}"` });
  if (tokens.length === 0)
    problems.push({
      name: 'INCIDENTS_WEBHOOK_TOKEN',
      problem: 'the incidents webhook needs a bearer token (INCIDENTS_WEBHOOK_TOKEN or INCIDENTS_WEBHOOK_TOKEN_FILE)',
    });
  if (problems.length > 0) throw new ConfigError(problems);
  return orgId;
}

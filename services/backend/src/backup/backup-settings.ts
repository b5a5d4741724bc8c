import type { EnvConfig } from '../config/env.ts';
import { existingSecret } from '../config/secrets.ts';
import { createCheckpointKeyRing, type CheckpointKeyRing } from '../audit-log/checkpoint-keys.ts';
import { checkpointFile } from '../audit-log/checkpoint-settings.ts';
import { createHmacKeyRing, type HmacKeyRing } from '../audit-log/hmac-keys.ts';
import { erasureLogPath } from '../monitoring/retention/erasure-log.ts';

/** What backup and restore need: the database, the audit keys and the files kept outside it. */
export interface BackupSettings {
  databaseUrl: string;
  checkpointFile: string;
  erasureLog: string;
  hmacKeys: HmacKeyRing;
  signingKeys: CheckpointKeyRing;
}

/** The same settings the backend runs with. */
export function backupSettings(config: EnvConfig): BackupSettings {
  return {
    databaseUrl: config.DATABASE_URL,
    checkpointFile: checkpointFile(config),
    erasureLog: erasureLogPath(config),
    hmacKeys: createHmacKeyRing(existingSecret(config, 'AUDIT_HMAC_KEYS')),
    signingKeys: createCheckpointKeyRing(existingSecret(config, 'AUDIT_SIGNING_KEYS')),
  };
}

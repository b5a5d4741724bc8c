import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateSigningJwk } from '../src/auth/signing-keys.ts';
import { generateCheckpointJwk } from '../src/audit-log/checkpoint-keys.ts';
import { generateHmacJwk } from '../src/audit-log/hmac-keys.ts';

/**
 * The environment of server.ts in the production profile with every secret given, as a deployment
 * runs it: values for the plain secrets, files (under a new temporary directory) for the others.
 * `dir` is that directory; the caller removes it.
 */
export async function productionEnv(dataDir: string): Promise<{ env: Record<string, string>; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-prod-secrets-'));
  const file = (name: string, content: string) => {
    fs.writeFileSync(path.join(dir, name), content, { mode: 0o600 });
    return path.join(dir, name);
  };
  return {
    dir,
    env: {
      ETHIXAI_PROFILE: 'production',
      DATA_DIR: dataDir,
      PORT: '0',
      AUDIT_HMAC_KEYS_FILE: file('hmac.json', JSON.stringify([generateHmacJwk()])),
      AUDIT_SIGNING_KEYS_FILE: file('signing.json', JSON.stringify([generateCheckpointJwk()])),
      AUDIT_CHECKPOINT_DIR: path.join(dir, 'checkpoints'),
      METRICS_TOKEN_FILE: file('metrics-token', `${randomBytes(32).toString('base64url')}\n`),
      JWT_SIGNING_KEYS: JSON.stringify([await generateSigningJwk()]),
      AI_CORE_TOKEN: randomBytes(32).toString('base64url'),
      INCIDENTS_WEBHOOK_TOKEN: randomBytes(32).toString('base64url'),
    },
  };
}

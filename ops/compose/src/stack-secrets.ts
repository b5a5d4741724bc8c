/**
 * The secrets the compose stack reads (ETHIXAI_SECRETS_DIR, default ops/compose/secrets), made
 * once with random values. Existing files are never overwritten: rotating one is deleting it,
 * running `npm run stack` again and restarting what reads it (docs/observability/SETUP.md).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { INCIDENTS_TOKEN_FILE, TEAMS, pagerDutyKeyFile, slackUrlFile } from '@ethixai/slo';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const COMPOSE_FILE = path.join(REPO_ROOT, 'ops', 'compose', 'docker-compose.yml');
export const DEFAULT_SECRETS_DIR = path.join(REPO_ROOT, 'ops', 'compose', 'secrets');

const token = () => randomBytes(32).toString('base64url');

/** Files the operator must replace with real endpoints before notifications can be delivered. */
export const OPERATOR_SUPPLIED = TEAMS.flatMap((team) => [
  `alertmanager/${slackUrlFile(team)}`,
  `alertmanager/${pagerDutyKeyFile(team)}`,
]);

/** One key from a backend CLI's generator, so the stack's keys are made exactly as an operator's are. */
function generated(cli: string, command: string): string {
  return execFileSync(process.execPath, [path.join(REPO_ROOT, 'services/backend/src', cli), command], {
    encoding: 'utf8',
  }).trim();
}
const signingKey = () => generated('cli.ts', 'generate-signing-key');
// The audit key files hold JSON arrays (docs/audit-trail.md): one key now, more after a rotation.
const auditHmacKeys = () => `[${generated('audit-log/audit-cli.ts', 'generate-hmac-key')}]`;
const auditSigningKeys = () => `[${generated('audit-log/audit-cli.ts', 'generate-signing-key')}]`;

/**
 * Writes every missing secret file; returns the paths it wrote. Files are 0644 inside a 0700
 * directory, because the containers read them as their own non-root users through bind mounts.
 */
export function ensureStackSecrets(dir: string = DEFAULT_SECRETS_DIR): string[] {
  fs.mkdirSync(path.join(dir, 'alertmanager'), { recursive: true });
  // The top directory keeps other host users out; the mounted subdirectory must be readable by
  // Alertmanager's own user inside its container.
  fs.chmodSync(dir, 0o700);
  fs.chmodSync(path.join(dir, 'alertmanager'), 0o755);
  const written: string[] = [];
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8').trim();
  const ensure = (name: string, make: () => string) => {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return;
    fs.writeFileSync(file, `${make()}\n`, { mode: 0o644 });
    written.push(file);
  };
  ensure('postgres-password', token);
  ensure('metrics-token', token);
  ensure('grafana-admin-password', token);
  // The first EthixAI admin's password: production never prints one, so create-admin reads this file.
  ensure('admin-password', token);
  ensure('ai-core-token', token);
  ensure(`alertmanager/${INCIDENTS_TOKEN_FILE}`, token);
  // Mounted as compose secrets (AUDIT_HMAC_KEYS_FILE, AUDIT_SIGNING_KEYS_FILE).
  ensure('audit-hmac-keys.json', auditHmacKeys);
  ensure('audit-signing-keys.json', auditSigningKeys);
  ensure('ai-core.env', () => `AI_CORE_TOKEN=${read('ai-core-token')}`);
  ensure('backend.env', () =>
    [
      `DATABASE_URL=postgres://ethixai:${read('postgres-password')}@postgres:5432/ethixai`,
      `JWT_SIGNING_KEYS=[${signingKey()}]`,
      `AI_CORE_TOKEN=${read('ai-core-token')}`,
      `INCIDENTS_WEBHOOK_TOKEN=${read(`alertmanager/${INCIDENTS_TOKEN_FILE}`)}`,
    ].join('\n'),
  );
  for (const team of TEAMS) {
    // Reserved .invalid names: nothing is delivered until the operator writes the real ones.
    ensure(`alertmanager/${slackUrlFile(team)}`, () => `https://hooks.slack.invalid/services/${team}`);
    ensure(`alertmanager/${pagerDutyKeyFile(team)}`, () => `replace-with-the-${team}-routing-key`);
  }
  return written;
}

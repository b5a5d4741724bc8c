/**
 * How an operator makes each secret, which the schemas cannot say. tools/repo/test/config-variables.test.ts
 * fails on a secret (a `writeOnly` schema property) without a note here, and on a note for no secret.
 */
export interface SecretNote {
  /** How an operator makes a value (shown in .env.example). */
  generate: string;
  /** For a secret no profile requires: what happens without it. Required secrets follow the profile rules. */
  optionalWhenUnset?: string;
}

const RANDOM_TOKEN = "node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\"";

/** Every variable whose name marks it as a secret, in either service. */
export const SECRET_NOTES: Record<string, SecretNote> = {
  JWT_SIGNING_KEYS: {
    generate:
      'JWT_SIGNING_KEYS=[<output of: node services/backend/src/cli.ts generate-signing-key>] (prepend a new key to rotate)',
  },
  AI_CORE_TOKEN: { generate: `${RANDOM_TOKEN} (the backend and ai-core need the same value)` },
  INCIDENTS_WEBHOOK_TOKEN: {
    generate: `${RANDOM_TOKEN} (also give it to Alertmanager as its bearer token; or put it in INCIDENTS_WEBHOOK_TOKEN_FILE)`,
    optionalWhenUnset:
      'development: generated once into DATA_DIR/secrets.json; production: needed only with INCIDENTS_ORG_ID (the backend refuses to start with INCIDENTS_ORG_ID and no webhook token)',
  },
  INCIDENTS_WEBHOOK_TOKEN_FILE: {
    generate: `a file holding the output of: ${RANDOM_TOKEN} (the same file Alertmanager's credentials_file reads; one token per line)`,
    optionalWhenUnset: 'INCIDENTS_WEBHOOK_TOKEN is used instead (see there)',
  },
  METRICS_TOKEN_FILE: {
    generate: `a file holding the output of: ${RANDOM_TOKEN} (the same token Prometheus sends from its credentials_file; one token per line, so a rotation can overlap)`,
    optionalWhenUnset:
      'development: generated once into DATA_DIR/secrets/metrics-token and reused; production: the service refuses to start (unless ETHIXAI_METRICS=false)',
  },
  ADMIN_PASSWORD_FILE: {
    generate: "a file whose first line is the first admin's password (at least 12 characters), from your secret store",
    optionalWhenUnset:
      'development: the first start generates a password and prints it once; production: no admin is created at start and `cli.ts create-admin` refuses to run without --admin-password-file',
  },
  AUDIT_HMAC_KEYS_FILE: {
    generate:
      'a file holding [<output of: node services/backend/src/audit-log/audit-cli.ts generate-hmac-key>] (rotate: docs/audit-trail.md)',
  },
  AUDIT_SIGNING_KEYS_FILE: {
    generate:
      'a file holding [<output of: node services/backend/src/audit-log/audit-cli.ts generate-signing-key>] (rotate: docs/audit-trail.md)',
  },
};

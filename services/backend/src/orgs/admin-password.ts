import fs from 'node:fs';
import { ConfigError } from '@ethixai/service-kit';

/** The same floor as a password set through POST /v1/users. */
export const MIN_ADMIN_PASSWORD_LENGTH = 12;

/**
 * The first admin's password from a secret file (its first line, trimmed), so that in production
 * it never has to be printed to stdout, which is a shipped and retained log stream there.
 */
export function readAdminPasswordFile(variable: string, file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError({
      name: variable,
      problem: `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    });
  }
  const password = (text.split(/\r?\n/)[0] ?? '').trim();
  if (password.length < MIN_ADMIN_PASSWORD_LENGTH) {
    throw new ConfigError({
      name: variable,
      problem: `the password in ${file} must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`,
    });
  }
  return password;
}

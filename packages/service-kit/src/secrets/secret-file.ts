import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config-error.ts';

/** Shortest token accepted from a secret file: a guessable credential is a configuration error. */
export const MIN_TOKEN_LENGTH = 16;

/**
 * The tokens in a credentials file, the format Prometheus' and Alertmanager's `credentials_file`
 * read: one token per line, blank lines ignored, surrounding white space trimmed. Several lines
 * are accepted so a token can be rotated without a window in which scrapes fail.
 */
export function readTokenFile(variable: string, file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError({
      name: variable,
      problem: `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    });
  }
  const tokens = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (tokens.length === 0) throw new ConfigError({ name: variable, problem: `${file} holds no token` });
  if (tokens.some((token) => token.length < MIN_TOKEN_LENGTH)) {
    throw new ConfigError({
      name: variable,
      problem: `every token in ${file} must be at least ${MIN_TOKEN_LENGTH} characters`,
    });
  }
  return tokens;
}

/**
 * Development only: the token in `file`, generated (32 random bytes, base64url, mode 0600) when
 * the file does not exist yet. Created under a temporary name and linked into place, so two
 * processes starting together agree on one token and neither ever reads a half-written file.
 */
export function loadOrCreateTokenFile(variable: string, file: string): string[] {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      // Another process created it first: its token wins.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  return readTokenFile(variable, file);
}

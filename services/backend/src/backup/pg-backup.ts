import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { connect } from '../db/connect.ts';
import type { BackupEngine, ScratchCopy } from './backup-engine.ts';

const run = promisify(execFile);

/** The schema a URL's `options=-c search_path=...` confines it to, if any (staging and tests share a database that way). */
function schemaOf(url: string): string | undefined {
  const options = new URL(url).searchParams.get('options') ?? '';
  return /search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(options)?.[1];
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** libpq reads fewer URL parameters than the `pg` driver, and no `+` for a space: pass it only what it knows, percent-encoded. */
function libpqUrl(url: string): string {
  const u = new URL(url);
  const kept = [...u.searchParams].filter(([key]) =>
    ['sslmode', 'options', 'application_name', 'connect_timeout'].includes(key),
  );
  u.search = kept.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return u.toString();
}

async function tool(command: string, args: string[]): Promise<void> {
  try {
    await run(command, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error(`${command} not found: install the PostgreSQL client tools (postgresql-client)`, { cause: err });
    throw new Error(`${command} failed: ${(e.stderr ?? e.message).trim()}`, { cause: err });
  }
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL through pg_dump's custom format (compressed, restorable table by table). A URL
 * confined to one schema dumps and restores that schema only.
 */
export const pgBackup: BackupEngine = {
  fileName: 'ethixai.pgdump',

  async write(url, dest) {
    const schema = schemaOf(url);
    await tool('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      ...(schema ? ['--schema', schema] : []),
      '--file',
      dest,
      '--dbname',
      libpqUrl(url),
    ]);
    return `pg_dump -Fc${schema ? ` --schema ${schema}` : ''}`;
  },

  async scratch(url, file): Promise<ScratchCopy> {
    const name = `ethixai_verify_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await admin(url, `create database ${name}`);
    const scratchUrl = withDatabase(url, name);
    const drop = () => admin(url, `drop database if exists ${name} with (force)`);
    try {
      await tool('pg_restore', [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        '--dbname',
        libpqUrl(scratchUrl),
        file,
      ]);
    } catch (err) {
      await drop();
      throw err;
    }
    const handle = connect({ url: scratchUrl, poolSize: 2 });
    return {
      handle,
      where: `scratch database ${name} (dropped after the check)`,
      integrity: 'pg_restore ok',
      dispose: async () => {
        await handle.close();
        await drop();
      },
    };
  },

  async restore(url, file) {
    await tool('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      '--dbname',
      libpqUrl(url),
      file,
    ]);
  },
};

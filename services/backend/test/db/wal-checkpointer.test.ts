import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { startWalCheckpointer } from '../../src/db/wal-checkpointer.ts';

const dirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-wal-'));
  dirs.push(dir);
  return path.join(dir, 'x.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const size = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);
const until = async (what: () => boolean, ms = 20_000) => {
  for (const end = Date.now() + ms; !what(); await new Promise((r) => setTimeout(r, 20)))
    if (Date.now() > end) throw new Error('timed out');
};

function openWal(file: string): SQLite.Database {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec('create table if not exists t (id integer primary key, v blob not null)');
  return sqlite;
}

describe('WAL checkpoints off the event loop', () => {
  it('the serving connection never checkpoints by itself; the worker copies committed pages into the database file', async () => {
    const file = tempFile();
    const sqlite = openWal(file);
    const checkpointer = startWalCheckpointer(sqlite, file, { intervalMs: 20, restartFrames: 1_000_000 });
    try {
      // Off once the worker is ready (until then SQLite keeps checkpointing by itself).
      await until(() => sqlite.pragma('wal_autocheckpoint', { simple: true }) === 0);
      const before = size(file);
      const insert = sqlite.prepare('insert into t (v) values (?)');
      for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(4000, i));
      await until(() => size(file) > before + 200 * 4000);
    } finally {
      await checkpointer.stop();
      sqlite.close();
    }
  });

  it('with startAtWalBytes, no worker until the WAL reaches that size; then the worker takes over', async () => {
    const file = tempFile();
    const sqlite = openWal(file);
    const checkpointer = startWalCheckpointer(sqlite, file, {
      intervalMs: 20,
      restartFrames: 1_000_000,
      startAtWalBytes: 64 * 4096,
    });
    try {
      const insert = sqlite.prepare('insert into t (v) values (?)');
      for (let i = 0; i < 10; i++) insert.run(Buffer.alloc(1000, i));
      await new Promise((r) => setTimeout(r, 300));
      // Small WAL: SQLite still checkpoints by itself, no worker was started.
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      for (let i = 0; i < 100; i++) insert.run(Buffer.alloc(4000, i));
      await until(() => sqlite.pragma('wal_autocheckpoint', { simple: true }) === 0);
    } finally {
      await checkpointer.stop();
      sqlite.close();
    }
  });

  it('stops cleanly before its worker ever started', async () => {
    const file = tempFile();
    const sqlite = openWal(file);
    const checkpointer = startWalCheckpointer(sqlite, file, {
      intervalMs: 20,
      restartFrames: 1000,
      startAtWalBytes: 1 << 30,
    });
    await checkpointer.stop();
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    sqlite.close();
  });

  it('keeps the WAL bounded under sustained writes (the serving connection checkpoints the tail between transactions)', async () => {
    const file = tempFile();
    const sqlite = openWal(file);
    const restartFrames = 300;
    const checkpointer = startWalCheckpointer(sqlite, file, { intervalMs: 10, restartFrames });
    try {
      const insert = sqlite.prepare('insert into t (v) values (?)');
      const page = Buffer.alloc(3000, 7);
      let written = 0;
      // 8,000 small transactions (~2 frames of 4 KiB each, ~64 MB of WAL frames in all), yielding
      // to the loop between bursts like a server between group commits.
      for (let i = 0; i < 8000; i++) {
        sqlite.transaction(() => insert.run(page))();
        written += page.length;
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 0));
      }
      expect(written).toBeGreaterThan(20 * 1024 * 1024);
      // A WAL that never rewound would hold every frame written (~64 MB); this one is rewound every
      // few hundred frames (measured: ~4 MB on a quiet machine, 9 MB at load average 30, when the
      // worker's turns come late). A quarter of the unbounded size still tells the two apart.
      expect(size(`${file}-wal`)).toBeLessThan(16 * 1024 * 1024);
      expect(sqlite.prepare('select count(*) as n from t').get()).toEqual({ n: 8000 });
    } finally {
      await checkpointer.stop();
      sqlite.close();
    }
  });

  it('turns automatic checkpoints back on when the worker fails', async () => {
    const file = tempFile();
    const sqlite = openWal(file);
    const failures: unknown[] = [];
    // The worker cannot open a missing file (fileMustExist): it fails at once.
    const checkpointer = startWalCheckpointer(sqlite, `${file}.missing`, {
      intervalMs: 20,
      restartFrames: 100,
      onFailure: (err) => failures.push(err),
    });
    try {
      await until(() => failures.length > 0);
      expect((failures[0] as Error).message).toMatch(
        /^WAL checkpoint worker failed: .*(unable to open database file|SQLITE_CANTOPEN)/,
      );
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await checkpointer.stop();
      sqlite.close();
    }
  });

  it('a serving handle closes cleanly: the worker stops first, the last close checkpoints and removes the WAL', async () => {
    const file = tempFile();
    const handle = connect({ url: `sqlite:${file}`, backgroundCheckpoint: true });
    await migrateToLatest(handle.db);
    await handle.db
      .insertInto('organisations')
      .values({ id: 'o', name: 'o', retention_days: 365, created_at: 1 })
      .execute();
    await handle.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const check = new SQLite(file, { readonly: true });
    expect(check.prepare('select id from organisations').all()).toEqual([{ id: 'o' }]);
    check.close();
  });
});

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/**
 * Checkpoints a WAL-mode SQLite file from a worker thread with its own connection, so the bulk
 * of the checkpoint (copying pages back into the database file, and its fsyncs) never blocks
 * the event loop. The serving connection turns SQLite's automatic checkpoint off: that one runs
 * inside a COMMIT, on the loop, every ~1,000 pages — from the moment the worker is ready.
 *
 * A PASSIVE checkpoint racing the serving connection's commits can leave the last few frames
 * behind, and SQLite only rewinds the WAL when a write starts with every frame checkpointed. So
 * when the worker reports a WAL longer than `restartFrames`, the serving connection checkpoints
 * the remainder itself, between transactions: no commit can interleave, the WAL is fully
 * checkpointed, and the next write starts it over. That keeps the WAL bounded under sustained
 * load at the price of a short tail checkpoint on the loop every ~`restartFrames` pages.
 *
 * Durability is unchanged: a commit is in the WAL before it returns, whoever checkpoints it.
 * If the worker ever stops unexpectedly, automatic checkpoints are turned back on.
 */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

export interface WalCheckpointOptions {
  intervalMs: number;
  restartFrames: number;
  /**
   * Start the worker only once the WAL file has reached this many bytes (checked every
   * `intervalMs`); 0 starts it at once. A worker thread is a V8 isolate of its own, about 18 MB
   * resident: a process that writes little never pays for it, and SQLite checkpoints by itself
   * (every 1,000 pages, inside a COMMIT) until the worker is ready.
   */
  startAtWalBytes?: number;
  /** Told when the worker failed and automatic checkpoints were turned back on. */
  onFailure?: (err: unknown) => void;
}

const AUTOCHECKPOINT_PAGES = 1000; // SQLite's default

// An eval'd CommonJS worker: it runs the same under tsx, vitest and plain node. After reporting a
// long WAL it pauses until the serving connection answers, so their checkpoints never collide.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let waiting = false;
parentPort.postMessage('ready');
const timer = setInterval(() => {
  if (waiting) return;
  try {
    const { log } = checkpoint.get();
    if (log > workerData.restartFrames) {
      waiting = true;
      parentPort.postMessage(log);
    }
  } catch (err) {
    if (err.code !== 'SQLITE_BUSY') throw err;
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'done') {
    waiting = false;
    return;
  }
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export function startWalCheckpointer(
  sqlite: SQLite.Database,
  file: string,
  options: WalCheckpointOptions,
): WalCheckpointer {
  const threshold = options.startAtWalBytes ?? 0;
  if (threshold <= 0) return startWorker(sqlite, file, options);
  let started: WalCheckpointer | undefined;
  let stopped = false;
  const watch = setInterval(() => {
    if (!sqlite.open || walFileBytes(file) < threshold) return;
    clearInterval(watch);
    started = startWorker(sqlite, file, options);
  }, options.intervalMs);
  watch.unref();
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(watch);
      await started?.stop();
    },
  };
}

export function walFileBytes(file: string): number {
  try {
    return fs.statSync(`${file}-wal`).size;
  } catch {
    // No WAL file: nothing written since the last checkpoint removed it.
    return 0;
  }
}

function startWorker(sqlite: SQLite.Database, file: string, options: WalCheckpointOptions): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, intervalMs: options.intervalMs, restartFrames: options.restartFrames },
  });
  let stopping = false;
  let failed = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fail = (err: unknown) => {
    if (stopping || failed) return;
    failed = true;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    // A SqliteError thrown in the worker arrives cloned: an Error on Node 24 (message only), a
    // plain object ({ code }) on older lines; either way the cause is kept and named.
    const detail = err instanceof Error ? err.message : JSON.stringify(err);
    options.onFailure?.(new Error(`WAL checkpoint worker failed: ${detail}`, { cause: err }));
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`WAL checkpoint worker exited with code ${code}`)));
  worker.on('message', (message: 'ready' | number) => {
    if (!sqlite.open || failed) return;
    // Until the worker runs, SQLite keeps checkpointing by itself (no unbounded WAL at boot).
    if (message === 'ready') sqlite.pragma('wal_autocheckpoint = 0');
    else {
      // Between transactions only (inside one it could not complete); else the worker asks again.
      if (!sqlite.inTransaction) sqlite.pragma('wal_checkpoint(PASSIVE)');
      worker.postMessage('done');
    }
  });
  // Neither the worker nor its timer may keep the process alive on their own.
  worker.unref();
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}

import type { DbHandle } from '../db/connect.ts';

/** A backup restored somewhere disposable, to be checked before anyone relies on it. */
export interface ScratchCopy {
  handle: DbHandle;
  /** Where, for the manifest. */
  where: string;
  integrity: string;
  dispose(): Promise<void>;
}

/** How one dialect writes, checks and restores a backup file. */
export interface BackupEngine {
  /** The backup's file name inside the backup directory. */
  fileName: string;
  /** Writes a consistent copy of the live database at `url` to `dest`; returns how. */
  write(url: string, dest: string): Promise<string>;
  /** Restores `file` into a fresh scratch database next to `url`'s. */
  scratch(url: string, file: string): Promise<ScratchCopy>;
  /** Replaces the database at `url` with `file`'s content. The backends must be stopped. */
  restore(url: string, file: string): Promise<void>;
}

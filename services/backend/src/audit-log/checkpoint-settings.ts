import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ConfigError } from '@ethixai/service-kit';
import type { EnvConfig } from '../config/env.ts';
import { checkpointPath } from './checkpoint-file.ts';

/**
 * Where the checkpoint log goes. Production names a directory (a volume that outlives the pod);
 * development defaults to DATA_DIR/audit-checkpoints. Either way it must be writable at start,
 * so a bad mount stops the process instead of silently leaving the chain unanchored.
 */
export function checkpointFile(config: EnvConfig): string {
  const dir = config.AUDIT_CHECKPOINT_DIR
    ? path.resolve(config.AUDIT_CHECKPOINT_DIR)
    : config.ETHIXAI_PROFILE === 'development'
      ? path.join(config.DATA_DIR, 'audit-checkpoints')
      : undefined;
  if (!dir) throw new ConfigError({ name: 'AUDIT_CHECKPOINT_DIR', problem: 'required in the production profile' });
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o750 });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw new ConfigError({
      name: 'AUDIT_CHECKPOINT_DIR',
      problem: `${dir} is not a writable directory (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    });
  }
  return checkpointPath(dir);
}

/** This process's (and app's) name in the lease and in the records it signs. */
export function writerId(): string {
  return `${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
}

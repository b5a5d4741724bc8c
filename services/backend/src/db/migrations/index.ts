import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-core.ts';
import * as m0002 from './0002-analyses.ts';
import * as m0003 from './0003-monitoring.ts';
import * as m0004 from './0004-audit-checkpoints.ts';
import * as m0005 from './0005-dataset-profiles.ts';
import * as m0006 from './0006-rate-limits.ts';
import * as m0007 from './0007-idempotency-leases.ts';

/**
 * Every migration, in order. A static list (not a folder scan) so the set is fixed at build time
 * and works under any loader. To add one: create `NNNN-name.ts` exporting up/down, add one line.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-core': m0001,
  '0002-analyses': m0002,
  '0003-monitoring': m0003,
  '0004-audit-checkpoints': m0004,
  '0005-dataset-profiles': m0005,
  '0006-rate-limits': m0006,
  '0007-idempotency-leases': m0007,
};

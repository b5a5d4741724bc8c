import type { TrailReport } from './verify-chain.ts';

export interface LeaseState {
  readonly holder: string;
  /** Unix ms; 0 once released. */
  readonly expiresAt: number;
}

/**
 * Why entries are not (yet) covered by a checkpoint, for `verify`'s text output. Checkpoints
 * are written by a running backend that holds the lease: at its start, then every
 * AUDIT_CHECKPOINT_INTERVAL_MS in which a chain grew. Nothing else writes them, so entries
 * appended while no backend ran (or a database with no entries at all) show up here.
 */
export function checkpointHints(
  report: TrailReport,
  lease: LeaseState | null,
  intervalMs: number,
  now: number,
): string[] {
  if (report.orgs.length === 0)
    return [
      'no audit entries yet: there is nothing to checkpoint (creating the first admin with cli.ts create-admin appends none; the first audited change does)',
    ];
  const pending = report.orgs.reduce((n, o) => n + Math.max(0, o.entries - o.anchoredSize), 0);
  if (pending === 0) return [];
  const holder =
    lease === null
      ? 'no backend has held the checkpoint lease on this database yet'
      : lease.expiresAt > now
        ? `the checkpoint lease is held by ${lease.holder} until ${new Date(lease.expiresAt).toISOString()}`
        : `the checkpoint lease is free (last held by ${lease.holder})`;
  return [
    `${pending} entr${pending === 1 ? 'y is' : 'ies are'} not yet covered by a checkpoint: a running backend holding the lease signs them at its start and then within AUDIT_CHECKPOINT_INTERVAL_MS (${intervalMs} ms) of a chain growing; ${holder}.`,
    ...(lease !== null && lease.expiresAt > now
      ? [
          '  a holder that was killed keeps the lease until it expires (three intervals); another backend takes it over at its next tick after that.',
        ]
      : []),
  ];
}

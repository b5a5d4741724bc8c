import { describe, expect, it } from 'vitest';
import { checkpointHints } from '../../src/audit-log/checkpoint-hint.ts';
import type { OrgReport, TrailReport } from '../../src/audit-log/verify-chain.ts';

const NOW = Date.parse('2026-12-07T00:00:00Z');
const org = (entries: number, anchoredSize: number): OrgReport => ({
  orgId: `org-${entries}-${anchoredSize}`,
  entries,
  anchoredSize,
  status: 'clean',
  findings: [],
});
const report = (...orgs: OrgReport[]): TrailReport => ({
  status: 'clean',
  orgs,
  checkpoints: { records: 0, last: null, problems: [] },
});

describe("verify's explanation of entries without a checkpoint", () => {
  it('says there is nothing to checkpoint when no chain has entries (create-admin appends none)', () => {
    expect(checkpointHints(report(), null, 60_000, NOW)).toEqual([
      expect.stringMatching(/^no audit entries yet: there is nothing to checkpoint \(creating the first admin/),
    ]);
  });

  it('says nothing when every entry is covered', () => {
    expect(checkpointHints(report(org(5, 5), org(2, 2)), null, 60_000, NOW)).toEqual([]);
  });

  it('counts the uncovered entries and says who signs them and when: no lease yet, a held lease, a free one', () => {
    const r = report(org(5, 3), org(1, 0));
    const [none] = checkpointHints(r, null, 60_000, NOW);
    expect(none).toMatch(
      /^3 entries are not yet covered by a checkpoint: a running backend holding the lease signs them at its start and then within AUDIT_CHECKPOINT_INTERVAL_MS \(60000 ms\)/,
    );
    expect(none).toMatch(/no backend has held the checkpoint lease on this database yet\.$/);
    const held = checkpointHints(r, { holder: 'pod-a/1/x', expiresAt: NOW + 90_000 }, 60_000, NOW);
    expect(held[0]).toMatch(/held by pod-a\/1\/x until 2026-12-07T00:01:30.000Z\.$/);
    expect(held[1]).toMatch(/a holder that was killed keeps the lease until it expires \(three intervals\)/);
    expect(checkpointHints(report(org(2, 1)), { holder: 'pod-a/1/x', expiresAt: 0 }, 500, NOW)).toEqual([
      expect.stringMatching(
        /^1 entry is not yet covered .*\(500 ms\).*the checkpoint lease is free \(last held by pod-a\/1\/x\)\.$/,
      ),
    ]);
  });
});

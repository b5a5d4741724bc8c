import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupsToPrune, DEFAULT_RETENTION } from '../../src/backup/backup-retention.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-06T02:00:00Z');

describe('backup retention', () => {
  it('keeps 14 daily backups, then one a week for 8 weeks, and prunes the rest', () => {
    const daily = Array.from({ length: 90 }, (_, i) => ({ dir: `d${i}`, createdAt: NOW - i * DAY }));
    const pruned = new Set(backupsToPrune(daily, DEFAULT_RETENTION, NOW).map((b) => b.dir));
    const kept = daily.filter((b) => !pruned.has(b.dir)).map((b) => b.dir);
    // Days 0..13, then the newest of weeks 2..7 (days 14, 21, ... 49).
    expect(kept).toEqual([...Array.from({ length: 14 }, (_, i) => `d${i}`), 'd14', 'd21', 'd28', 'd35', 'd42', 'd49']);
  });

  it('never prunes the newest backup, and keeps every backup younger than keepDays', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 * DAY }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 20 }),
        (ages, keepDays, keepWeeks) => {
          const backups = ages.map((age, i) => ({ dir: `b${i}`, createdAt: NOW - age }));
          const pruned = backupsToPrune(backups, { keepDays, keepWeeks }, NOW);
          const newest = Math.max(...backups.map((b) => b.createdAt));
          expect(
            pruned.some((b) => b.createdAt === newest && backups.filter((x) => x.createdAt === newest)[0] === b),
          ).toBe(false);
          expect(pruned.every((b) => NOW - b.createdAt >= keepDays * DAY)).toBe(true);
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../../src/monitoring/evaluations/time-ordered-id.ts';

describe('time-ordered ids (UUIDv7)', () => {
  it('are valid v7 UUIDs carrying the millisecond time, sorted by time, and unique', () => {
    const id = timeOrderedId(Date.UTC(2026, 10, 26, 18, 0, 0, 1));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 26, 18, 0, 0, 1));
    expect(timeOrderedId(1_000) < timeOrderedId(1_001)).toBe(true);
    const many = Array.from({ length: 20_000 }, () => timeOrderedId(5));
    expect(new Set(many).size).toBe(20_000);
  });
});

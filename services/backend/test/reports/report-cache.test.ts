import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ReportCache } from '../../src/reports/report-cache.ts';

const body = (n: number) => Buffer.alloc(n, 1);

describe('ReportCache', () => {
  it('evicts the least recently used entries beyond the byte budget', () => {
    const cache = new ReportCache(100, 60_000);
    cache.set('a', { orgId: 'o', body: body(20) });
    cache.set('b', { orgId: 'o', body: body(20) });
    cache.set('c', { orgId: 'o', body: body(20) });
    expect(cache.get('a')?.body.length).toBe(20); // a is now the most recent
    cache.set('d', { orgId: 'o', body: body(25) });
    cache.set('e', { orgId: 'o', body: body(25) });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.totalBytes).toBeLessThanOrEqual(100);
    expect(cache.size).toBe(4);
  });

  it('expires entries and ignores bodies larger than a quarter of the budget', () => {
    const cache = new ReportCache(100, 10);
    cache.set('a', { orgId: 'o', body: body(10) }, 0);
    expect(cache.get('a', 5)).toBeDefined();
    expect(cache.get('a', 11)).toBeUndefined();
    expect(cache.totalBytes).toBe(0);
    cache.set('big', { orgId: 'o', body: body(26) });
    expect(cache.get('big')).toBeUndefined();
  });

  it('compresses a cached body once, shares it between readers and counts it in the budget', async () => {
    const cache = new ReportCache(10_000, 60_000);
    const text = Buffer.from(JSON.stringify({ rows: Array.from({ length: 100 }, (_, i) => ({ i, group: 'same' })) }));
    cache.set('a', { orgId: 'o', body: text });
    expect(cache.gzipped('missing')).toBeUndefined();
    const first = cache.gzipped('a');
    expect(cache.gzipped('a')).toBe(first);
    const compressed = await first!;
    expect(gunzipSync(compressed).equals(text)).toBe(true);
    expect(cache.totalBytes).toBe(text.length + compressed.length);
    cache.set('a', { orgId: 'o', body: text });
    expect(cache.totalBytes).toBe(text.length);
  });
});

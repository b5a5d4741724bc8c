import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
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
  });

  it('expires entries and ignores bodies larger than a quarter of the budget', async () => {
    const cache = new ReportCache(100, 30);
    cache.set('a', { orgId: 'o', body: body(10) });
    expect(cache.get('a')).toBeDefined();
    await sleep(60);
    expect(cache.get('a')).toBeUndefined();
    cache.set('big', { orgId: 'o', body: body(26) });
    expect(cache.get('big')).toBeUndefined();
  });

  it('compresses a cached body once per coding, shares it between concurrent readers and counts it in the budget', async () => {
    const cache = new ReportCache(100_000, 60_000);
    const text = Buffer.from(JSON.stringify({ rows: Array.from({ length: 100 }, (_, i) => ({ i, group: 'same' })) }));
    const report = { orgId: 'o', body: text };
    cache.set('a', report);
    const [first, second] = [cache.encoded('a', report, 'gzip'), cache.encoded('a', report, 'gzip')];
    expect(second).toBe(first);
    const gzipped = await first;
    expect(gunzipSync(gzipped).equals(text)).toBe(true);
    expect(await cache.encoded('a', report, 'gzip')).toBe(gzipped);
    const brotli = await cache.encoded('a', report, 'br');
    expect(brotliDecompressSync(brotli).equals(text)).toBe(true);
    expect(cache.totalBytes).toBe(text.length + gzipped.length + brotli.length);
  });
});

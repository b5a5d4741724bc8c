import { parseScrape, sampleValue, findSamples, type Scrape } from '@ethixai/test-support';
import type { TestApp } from '../helper.ts';

/** GET /metrics of a test app, parsed (Prometheus text form). */
export async function scrape(t: TestApp): Promise<Scrape> {
  const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: t.metricsAuth });
  if (res.statusCode !== 200) throw new Error(`/metrics answered ${res.statusCode}`);
  return parseScrape(res.body);
}

/** Every sample of `name` as "label=value,...": value, sorted, for whole-family assertions. */
export function family(s: Scrape, name: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const sample of findSamples(s, name)) {
    const { service: _service, ...labels } = sample.labels;
    const key = Object.entries(labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    out[key] = sample.value;
  }
  return out;
}

export { sampleValue };

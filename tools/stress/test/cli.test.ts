import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../src/result.ts';
import { runScenario } from '../src/run-scenario.ts';
import { loadScenario } from '../src/scenario.ts';
import { startStack } from '../src/stack.ts';
import { LiveMetrics } from '../src/live-metrics.ts';
import { METRIC_STRESS_PHASE, METRIC_STRESS_REQUESTS, METRIC_STRESS_UNEXPECTED } from '../src/metric-names.ts';
import { parseScrape } from '@ethixai/test-support';

const run = promisify(execFile);
const CLI = resolve(import.meta.dirname, '../src/cli.ts');
const out = mkdtempSync(join(tmpdir(), 'ethixai-stress-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [CLI, ...args], { maxBuffer: 8e6 });
    return { code: 0, ...r };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// The short CI profile end to end (about 40 s: start-up, fixtures, 3 s warm-up, 20 s at 20/s).
describe('npm run stress -- ci', () => {
  it('runs the realistic mix, checks every answer, and writes JSON and a self-contained HTML report', async () => {
    const r = await cli(['ci', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/### ci: passed/);
    const result = JSON.parse(readFileSync(join(out, 'ci.json'), 'utf8')) as RunResult;
    const mix = loadScenario('ci');
    if (mix.kind !== 'open-loop') throw new Error('ci is an open-loop scenario');
    expect(Object.keys(result.endpoints).sort()).toEqual(mix.mix.map((m) => m.endpoint).sort());
    expect(result.requests.sent).toBe(400);
    for (const [name, e] of Object.entries(result.endpoints)) {
      expect(e.unexpected, name).toBe(0);
      expect(e.latencyMs.p95, name).toBeGreaterThan(0);
    }
    // What the client counted, the backend counted too (its /metrics, scraped before and after).
    const served = result.metrics.backend.requests;
    expect(served['POST /v1/evaluate 201']).toBe(result.endpoints.evaluate.count);
    expect(served['GET /v1/reports/:id 200']).toBe(result.endpoints['reports.read'].count);
    expect(served['POST /v1/datasets 201']).toBe(result.endpoints['datasets.upload'].count);
    expect(result.metrics['ai-core'].requests['POST /v1/analyze 200']).toBe(
      result.endpoints['analyses.inline'].count + result.endpoints['analyses.dataset'].count,
    );
    expect(result.servers.backend.cpuSeconds).toBeGreaterThan(0);
    expect(result.servers['ai-core'].series.rssMb.length).toBeGreaterThan(10);
    expect(result.timeline.evaluate.reduce((a, p) => a + p.count, 0)).toBe(result.endpoints.evaluate.count);

    const html = readFileSync(join(out, 'ci.html'), 'utf8');
    expect(html).toContain('uPlot');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/[^"'\s]*\.(js|css)/);
    expect(html).toContain('id="latency-time"');
    expect(html).toContain('id="distribution"');

    // analyze: a bound the run meets passes; one it cannot meet fails, naming the SLO.
    const loose = join(out, 'loose.json');
    writeFileSync(
      loose,
      JSON.stringify({
        description: 'loose',
        objectives: [{ name: 'generous-latency', description: 'x', endpoints: 'all', metric: 'p50Ms', max: 60_000 }],
      }),
    );
    const ok = await cli(['analyze', join(out, 'ci.json'), '--slo', loose, '--fail-on-slo-violation']);
    expect(ok.code, ok.stderr).toBe(0);
    const strict = join(out, 'strict.json');
    writeFileSync(
      strict,
      JSON.stringify({
        description: 'strict',
        objectives: [
          { name: 'impossible-latency', description: 'x', endpoints: ['evaluate'], metric: 'p50Ms', max: 0.001 },
        ],
      }),
    );
    const bad = await cli(['analyze', join(out, 'ci.json'), '--slo', strict, '--fail-on-slo-violation']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/SLO "impossible-latency" violated: ci evaluate p50Ms [\d.]+ ms > 0.001 ms/);
    const reported = await cli(['analyze', join(out, 'ci.json'), '--slo', strict]);
    expect(reported.code).toBe(0);
    expect(reported.stderr).toMatch(/impossible-latency/);
  }, 180_000);

  it('refuses a --metrics-port that is not a port, naming the option, before starting anything', async () => {
    const r = await cli(['ci', '--out', out, '--metrics-port', 'http']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--metrics-port: expected a number from 0 to 65535, got "http"');
  });

  it('counts a 429 the scenario did not expect as a failure, not a success (and so do its live metrics)', async () => {
    const stack = await startStack();
    const live = new LiveMetrics();
    const port = await live.listen(0);
    try {
      const result = await runScenario(
        stack,
        loadScenario(resolve(import.meta.dirname, 'fixtures/rate-limited.json')),
        { apiKeyPerMinute: 20, live },
      );
      expect(result.endpoints.evaluate.statuses['429']).toBeGreaterThan(20);
      expect(result.endpoints.evaluate.unexpected).toBe(result.endpoints.evaluate.statuses['429']);
      expect(result.failures).toEqual([
        expect.stringMatching(/^evaluate: \d+ of 50 answers not expected \(expected 201; got \d+× 429\)$/),
      ]);
      // The live metrics count what the recorder counted (the fixture has no warm-up).
      const scrape = parseScrape(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
      const sum = (name: string, labels: Record<string, string>) =>
        scrape.samples
          .filter((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))
          .reduce((a, x) => a + x.value, 0);
      const scenario = 'rate-limited';
      expect(sum(METRIC_STRESS_REQUESTS, { scenario, endpoint: 'evaluate', status: '429' })).toBe(
        result.endpoints.evaluate.statuses['429'],
      );
      expect(sum(METRIC_STRESS_REQUESTS, { scenario, endpoint: 'evaluate' })).toBe(result.endpoints.evaluate.count);
      expect(sum(METRIC_STRESS_UNEXPECTED, { scenario, endpoint: 'evaluate' })).toBe(
        result.endpoints.evaluate.unexpected,
      );
      // The run is over: no phase is under way.
      expect(sum(METRIC_STRESS_PHASE, { scenario })).toBe(0);
    } finally {
      await live.close();
      await stack.stop();
    }
  }, 120_000);
});

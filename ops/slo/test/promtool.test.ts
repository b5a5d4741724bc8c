import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROMETHEUS_DIR, RULES_DIR } from '../src/artefacts.ts';
import { binariesAvailable, run } from '../src/testing/binaries.ts';

const TESTS_DIR = path.join(PROMETHEUS_DIR, 'tests');
const available = binariesAvailable('promtool checks of ops/prometheus', ['promtool']);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-promtool-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe.runIf(available)('promtool', () => {
  it('check config accepts prometheus.yml with its rule files (a scrape token file present)', async () => {
    // promtool insists the credentials file exists; the deployment provides it (ALERTING.md).
    fs.cpSync(PROMETHEUS_DIR, scratch, { recursive: true });
    fs.mkdirSync(path.join(scratch, 'secrets'), { recursive: true });
    fs.writeFileSync(path.join(scratch, 'secrets', 'metrics-token'), 'token\n', { mode: 0o600 });
    const result = await run('promtool', ['check', 'config', path.join(scratch, 'prometheus.yml')]);
    expect(result.output).toContain('SUCCESS');
    expect(result.code, result.output).toBe(0);
  });

  it('check rules accepts every rule file, duplicate-free', async () => {
    const files = fs
      .readdirSync(RULES_DIR)
      .filter((f) => f.endsWith('.yml'))
      .map((f) => path.join(RULES_DIR, f));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const result = await run('promtool', ['check', 'rules', ...files]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toMatch(/FAILED|duplicate/);
  });

  const suites = fs.existsSync(TESTS_DIR) ? fs.readdirSync(TESTS_DIR).filter((f) => f.endsWith('.test.yml')) : [];
  it('has the unit test suites', () =>
    expect(suites.sort()).toEqual(['alerts.test.yml', 'slo-burn.test.yml', 'slo-long.test.yml']));

  // Concurrent: each suite is its own promtool process; together they take the longest one's time.
  for (const suite of suites) {
    it.concurrent(
      `promtool test rules ${suite} passes`,
      async ({ expect }) => {
        const result = await run('promtool', ['test', 'rules', suite], { cwd: TESTS_DIR, timeoutMs: 240_000 });
        expect(result.code, result.output).toBe(0);
        expect(result.output).toContain('SUCCESS');
      },
      300_000,
    );
  }
});

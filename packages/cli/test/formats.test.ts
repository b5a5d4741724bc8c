import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIASED_CSV } from './support/fixtures.ts';
import { ethixai, REPO_ROOT, scratch } from './support/run-cli.ts';

const hostile =
  'group,label,pred,age\n' +
  Array.from(
    { length: 80 },
    (_, i) =>
      `${i % 2 ? '"<script>alert(1)</script>"' : 'A & B'},${i % 3 === 0 ? 1 : 0},${i % 4 === 0 ? 1 : 0},${20 + i}`,
  ).join('\n') +
  '\n';
// 300 groups: a JSON report far larger than a pipe buffer.
const many =
  'group,label,pred\n' +
  Array.from({ length: 1200 }, (_, i) => `g${i % 300},${i % 2},${(i >> 1) % 2}`).join('\n') +
  '\n';
const files = scratch({
  'many.csv': many,
  'biased.csv': BIASED_CSV,
  'hostile.csv': hostile,
  'config.json': JSON.stringify({
    label: 'label',
    prediction: 'pred',
    predictionPositive: ['0'],
    sensitive: ['group'],
    policy: { disparateImpact: 0.9 },
  }),
});
afterAll(files.cleanup);
const args = ['--label', 'label', '--prediction', 'pred', '--positive', '1', '--sensitive', 'group'];

describe('report formats', () => {
  it('--interval-method: the intervals, the setup line and the testing statement say which method and family', async () => {
    const json = await ethixai([
      'audit',
      files.path('biased.csv'),
      ...args,
      '--interval-method',
      'clopper-pearson',
      '--format',
      'json',
    ]);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.provenance.config.intervalMethod).toBe('clopper-pearson');
    // Group A selects 400 of 500. The exact limits solve P(X ≥ 400 | L) = P(X ≤ 400 | U) = 0.025 for
    // X ~ Bin(500, ·); summing the binomial terms at 50 digits gives 0.025 at L = 0.7622081697, U = 0.8341998742.
    const a = result.attributes[0].groups.find((g: { key: string }) => g.key === 'A');
    expect(a.rates.selection_rate.interval[0]).toBeCloseTo(0.7622081697, 9);
    expect(a.rates.selection_rate.interval[1]).toBeCloseTo(0.8341998742, 9);
    expect(result.multipleTesting).toMatchObject({ correction: 'holm', family: 'report', hypotheses: 6 });
    const table = await ethixai(['audit', files.path('biased.csv'), ...args, '--interval-method', 'jeffreys']);
    expect(table.stdout).toContain('95% Jeffreys intervals');
    expect(table.stdout).toContain('significance: Holm over all 6 pairwise tests of eligible groups in this report');
    const html = await ethixai(['audit', files.path('biased.csv'), ...args, '--format', 'html']);
    expect(html.stdout).toContain('95% Wilson intervals');
  });

  it('json is the full engine result plus the input file identity', async () => {
    const run = await ethixai(['audit', files.path('biased.csv'), ...args, '--format', 'json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.overall).toMatchObject({ n: 1000, tp: 350, fp: 150, tn: 350, fn: 150 });
    expect(result.attributes[0].groups.map((g: { key: string; tp: number }) => [g.key, g.tp])).toEqual([
      ['A', 250],
      ['B', 100],
    ]);
    expect(result.risk.level).toMatch(/^(high|critical)$/);
    expect(result.input).toEqual({
      file: files.path('biased.csv'),
      bytes: BIASED_CSV.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(result.provenance.config).toMatchObject({
      label: 'label',
      prediction: 'pred',
      predictionPositive: ['1'],
      sensitive: ['group'],
    });
  });

  it('html is one self-contained page with every data value escaped', async () => {
    const run = await ethixai(['audit', files.path('hostile.csv'), ...args, '--features', 'age', '--format', 'html']);
    expect(run.code).toBe(0);
    const html = run.stdout;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('A &amp; B');
    expect(html).toContain('<h2>Drivers and proxies</h2>');
  });

  it('table is the default, and --out writes the report to a file instead of stdout', async () => {
    const out = files.path('report.html');
    const run = await ethixai(['audit', files.path('biased.csv'), ...args, '--format', 'html', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`ethixai audit: wrote the html report to ${out} (risk critical)\n`);
    expect(readFileSync(out, 'utf8')).toContain('<h2>Verdicts</h2>');
    const table = await ethixai(['audit', files.path('biased.csv'), ...args]);
    expect(table.stdout).toMatch(/^group — reference group: A \(largest\)$/m);
    expect(table.stdout).toMatch(/^ {2}A +500 +250 +150 +100 +0 +80\.0% \(76\.3–83\.3\)/m);
  });

  it('reads standard input when the file is "-"', async () => {
    const run = await ethixai(['audit', '-', ...args, '--format', 'json'], { input: BIASED_CSV });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).overall.n).toBe(1000);
  });
});

describe('output pipe closed early (ethixai audit ... | head)', () => {
  it('stops quietly with the exit code it had', async () => {
    const child = spawn(process.execPath, [
      join(REPO_ROOT, 'packages/cli/dist/ethixai.js'),
      'audit',
      files.path('many.csv'),
      ...args,
      '--format',
      'json',
    ]);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('--config FILE.json merged with flags', () => {
  it('takes the options from the file', async () => {
    const run = await ethixai([
      'audit',
      files.path('biased.csv'),
      '--config',
      files.path('config.json'),
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const { provenance } = JSON.parse(run.stdout);
    expect(provenance.config).toMatchObject({
      predictionPositive: ['0'],
      policy: { disparateImpact: 0.9, demographicParityDifference: 0.1 },
    });
  });

  it('lets flags override the file, maps key by key', async () => {
    const run = await ethixai([
      'audit',
      files.path('biased.csv'),
      '--config',
      files.path('config.json'),
      '--positive',
      '1',
      '--policy',
      'fpr-difference=0.2',
      '--format',
      'json',
    ]);
    const { provenance, overall } = JSON.parse(run.stdout);
    expect(provenance.config.predictionPositive).toEqual(['1']);
    expect(provenance.config.policy).toMatchObject({ disparateImpact: 0.9, fprDifference: 0.2 });
    expect(overall.tp).toBe(350);
  });
});

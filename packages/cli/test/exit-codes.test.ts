import { afterAll, describe, expect, it } from 'vitest';
import { BIASED_CSV, FAIR_CSV, WARN_CSV } from './support/fixtures.ts';
import { ethixai, scratch } from './support/run-cli.ts';

const files = scratch({ 'fair.csv': FAIR_CSV, 'biased.csv': BIASED_CSV, 'warn.csv': WARN_CSV });
afterAll(files.cleanup);
const audit = (file: string, ...extra: string[]) =>
  ethixai([
    'audit',
    files.path(file),
    '--label',
    'label',
    '--prediction',
    'pred',
    '--positive',
    '1',
    '--sensitive',
    'group',
    ...extra,
  ]);

describe('exit codes of the fairness gate', () => {
  it('0 when every verdict passes, even with --strict', async () => {
    const run = await audit('fair.csv', '--strict');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('RISK: LOW');
  });

  it('1 with --fail-on-violation when a verdict fails, naming the failed verdicts on stderr', async () => {
    const run = await audit('biased.csv', '--fail-on-violation');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ {2}FAIL {2}group {2}demographic_parity_difference/m);
    expect(run.stderr).toBe(
      'ethixai audit: fairness gate failed (3): fail group: demographic_parity_difference; ' +
        'fail group: disparate_impact; fail group: equal_opportunity_difference\n',
    );
  });

  it('0 without --fail-on-violation, whatever the verdicts', async () => {
    expect((await audit('biased.csv')).code).toBe(0);
  });

  it('warn alone: 0 with --fail-on-violation, 1 with --strict', async () => {
    const lenient = await audit('warn.csv', '--fail-on-violation');
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/^ {2}WARN {2}group/m);
    const strict = await audit('warn.csv', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('fairness gate failed (3): warn group: demographic_parity_difference');
  });
});

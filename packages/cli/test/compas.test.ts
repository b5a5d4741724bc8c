/**
 * ProPublica's published COMPAS truth tables (Compas Analysis.ipynb cells 71/75/77 and 83/84),
 * reproduced by running the real CLI on the real file.
 */
import { describe, expect, it } from 'vitest';
import { ethixai, sharedDataset } from './support/run-cli.ts';

const compas = sharedDataset('compas/compas-scores-two-years.csv');
const base = [
  '--label',
  'two_year_recid',
  '--label-positive',
  '1',
  '--prediction',
  'score_text',
  '--sensitive',
  'race',
  '--format',
  'json',
];

interface Counts {
  tn: number;
  fp: number;
  fn: number;
  tp: number;
}
const counts = ({ tn, fp, fn, tp }: Counts): Counts => ({ tn, fp, fn, tp });

async function auditCompas(positive: string): Promise<{ overall: Counts; race: Map<string, Counts> }> {
  const run = await ethixai(['audit', compas!, ...base, '--positive', positive]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout);
  const race = result.attributes.find((a: { name: string }) => a.name === 'race');
  return {
    overall: counts(result.overall),
    race: new Map(race.groups.map((g: Counts & { key: string }) => [g.key, counts(g)])),
  };
}

describe.skipIf(compas === null)('COMPAS truth tables (ProPublica)', () => {
  it('"Medium or High": all defendants, African-American and Caucasian', async () => {
    const { overall, race } = await auditCompas('Medium,High');
    expect(overall).toEqual({ tn: 2681, fp: 1282, fn: 1216, tp: 2035 });
    expect(race.get('African-American')).toEqual({ tn: 990, fp: 805, fn: 532, tp: 1369 });
    expect(race.get('Caucasian')).toEqual({ tn: 1139, fp: 349, fn: 461, tp: 505 });
  });

  it('"High only": Caucasian and African-American', async () => {
    const { race } = await auditCompas('High');
    expect(race.get('Caucasian')).toEqual({ tn: 1407, fp: 81, fn: 771, tp: 195 });
    expect(race.get('African-American')).toEqual({ tn: 1511, fp: 284, fn: 1160, tp: 741 });
  });

  it('prints the same counts in the terminal table, and flags race when it is a driver', async () => {
    const run = await ethixai([
      'audit',
      compas!,
      ...base.slice(0, -2),
      '--positive',
      'Medium,High',
      '--features',
      'age,race',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Drivers and proxies\n {2}surrogate logistic_regression on 7,214 rows: agrees with /m);
    expect(run.stdout).toMatch(/^ {2}! .*"race".*driver/m);
    expect(run.stdout).toMatch(/^ {2}overall +7,214 +2,035 +1,282 +2,681 +1,216 /m);
    expect(run.stdout).toMatch(/^ {2}African-American +3,696 +1,369 +805 +990 +532 /m);
    expect(run.stdout).toMatch(/^ {2}Caucasian +2,454 +505 +349 +1,139 +461 /m);
  });

  it('as a CI gate: --fail-on-violation exits 1 on COMPAS, naming the failed race verdicts', async () => {
    const run = await ethixai([
      'audit',
      compas!,
      ...base.slice(0, -2),
      '--positive',
      'Medium,High',
      '--fail-on-violation',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^ethixai audit: fairness gate failed \(\d+\): fail race: demographic_parity_difference; /,
    );
  });

  it('a repeated header name (decile_score) is only an error when it is the column asked for', async () => {
    const run = await ethixai([
      'audit',
      compas!,
      '--label',
      'two_year_recid',
      '--score',
      'decile_score',
      '--threshold',
      '5',
      '--sensitive',
      'race',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'column "decile_score" appears more than once in the header [FAIR_ERR_DUPLICATE_COLUMN]',
    );
  });
});

/** Every kind of bad input exits 2 with one message naming the column, line or flag; never a stack trace. */
import { afterAll, describe, expect, it } from 'vitest';
import { FAIR_CSV } from './support/fixtures.ts';
import { ethixai, scratch } from './support/run-cli.ts';

const files = scratch({
  'ok.csv': FAIR_CSV,
  'empty.csv': '',
  'header-only.csv': 'group,label,pred\n',
  'ragged.csv': 'group,label,pred\nA,1,1\nB,0\n',
  'bad-utf8.csv': Uint8Array.from([
    ...Buffer.from('group,label,pred\nA,1,1\nB,0,1\n'),
    ...Buffer.from('C'),
    0xff,
    ...Buffer.from(',1,0\n'),
  ]),
  'unterminated.csv': 'group,label,pred\nA,1,1\n"B,0,1\n',
  'multiclass.csv': 'group,label,pred\nA,low,1\nB,mid,0\nA,high,1\n',
  'dup.csv': 'group,label,label,pred\nA,1,1,1\n',
  'bad-config.json': '{ "label": ',
});
afterAll(files.cleanup);
const args = ['--label', 'label', '--prediction', 'pred', '--positive', '1', '--sensitive', 'group'];

async function expectBadInput(argv: string[], message: string): Promise<void> {
  const run = await ethixai(argv);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.code).toBe(2);
}

describe('bad input exits 2 with a message naming the problem', () => {
  it('a column that is not in the file', () =>
    expectBadInput(
      ['audit', files.path('ok.csv'), ...args.slice(0, -1), 'race'],
      'column "race" is not in the header (columns: "group", "label", "pred") [FAIR_ERR_COLUMN_NOT_FOUND]',
    ));

  it('a non-binary label without a positive value', () =>
    expectBadInput(
      ['audit', files.path('multiclass.csv'), ...args],
      'column "label" has values "low", "mid", "high"; say which are positive [FAIR_ERR_NOT_BINARY]',
    ));

  it('a --positive value that is not in the column (issue 18: it used to pass with every decision negative)', () =>
    expectBadInput(
      ['audit', files.path('ok.csv'), ...args.slice(0, 4), '--positive', 'yes', ...args.slice(6)],
      'config.predictionPositive: "yes" does not occur in column "pred"; the values found are "1", "0" [FAIR_ERR_POSITIVE_NOT_FOUND]',
    ));

  it('a --label-positive value that is not in the column, with the values as the file spells them', () =>
    expectBadInput(
      ['audit', files.path('multiclass.csv'), ...args, '--label-positive', 'High'],
      'config.labelPositive: "High" does not occur in column "label"; the values found are "low", "mid", "high" [FAIR_ERR_POSITIVE_NOT_FOUND]',
    ));

  it('an unknown interval method', () =>
    expectBadInput(
      ['audit', files.path('ok.csv'), ...args, '--interval-method', 'exact'],
      '--interval-method must be one of wilson, clopper-pearson, jeffreys',
    ));

  it('an empty file', () =>
    expectBadInput(
      ['audit', files.path('empty.csv'), ...args],
      'the CSV is empty: no header and no data rows [FAIR_ERR_EMPTY_INPUT]',
    ));

  it('a header without rows', () =>
    expectBadInput(
      ['audit', files.path('header-only.csv'), ...args],
      'the CSV has a header but no data rows [FAIR_ERR_EMPTY_INPUT]',
    ));

  it('a ragged row, by line', () =>
    expectBadInput(
      ['audit', files.path('ragged.csv'), ...args],
      'line 3 has 2 fields, the header has 3 [FAIR_ERR_CSV_RAGGED_ROW]',
    ));

  it('bytes that are not UTF-8, by line', () =>
    expectBadInput(
      ['audit', files.path('bad-utf8.csv'), ...args],
      'line 4: the CSV is not valid UTF-8 [FAIR_ERR_CSV_ENCODING]',
    ));

  it('an unterminated quote, by line', () =>
    expectBadInput(
      ['audit', files.path('unterminated.csv'), ...args],
      'line 3: a quoted field is never closed [FAIR_ERR_CSV_UNTERMINATED_QUOTE]',
    ));

  it('a duplicated header name that is asked for', () =>
    expectBadInput(
      ['audit', files.path('dup.csv'), ...args],
      'column "label" appears more than once in the header [FAIR_ERR_DUPLICATE_COLUMN]',
    ));

  it('an unknown flag', () =>
    expectBadInput(['audit', files.path('ok.csv'), ...args, '--colour'], "ethixai: unknown option '--colour'"));

  it('a missing file', () =>
    expectBadInput(['audit', files.path('nope.csv'), ...args], `cannot read ${files.path('nope.csv')}: no such file`));

  it('no file at all, and a missing required option', async () => {
    await expectBadInput(['audit', ...args], 'missing the CSV file');
    await expectBadInput(
      ['audit', files.path('ok.csv'), '--label', 'label', '--sensitive', 'group'],
      'config.prediction is required unless score and threshold are given [FAIR_ERR_INVALID_CONFIG]',
    );
  });

  it('a flag value of the wrong type', async () => {
    await expectBadInput(
      ['audit', files.path('ok.csv'), ...args, '--confidence', 'high'],
      '--confidence must be a number, got "high"',
    );
    await expectBadInput(
      ['audit', files.path('ok.csv'), ...args, '--format', 'pdf'],
      '--format must be one of table, json, html, got "pdf"',
    );
    await expectBadInput(
      ['audit', files.path('ok.csv'), ...args, '--policy', 'fairness=1'],
      '--policy: unknown threshold "fairness"',
    );
  });

  it('a --config file that is not JSON', () =>
    expectBadInput(
      ['audit', files.path('ok.csv'), ...args, '--config', files.path('bad-config.json')],
      `--config ${files.path('bad-config.json')}: not valid JSON`,
    ));

  it('an unknown command', () => expectBadInput(['adit', files.path('ok.csv')], 'unknown command "adit"'));
});

describe('help', () => {
  it('ethixai --help and ethixai audit --help print usage and exit 0', async () => {
    const main = await ethixai(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('ethixai audit FILE.csv --label COL');
    const audit = await ethixai(['audit', '--help']);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain('--fail-on-violation');
    expect(audit.stdout).toContain('--buckets COL=E1,E2');
  });
});

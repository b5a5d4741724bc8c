import { describe, expect, it } from 'vitest';
import { parseAuditFlags, splitCommand } from '../src/args.ts';
import { buildAuditRequest } from '../src/audit-request.ts';
import { columnRequests } from '../src/column-requests.ts';
import { assignments, buckets, list, number, policy } from '../src/config-values.ts';
import { UsageError } from '../src/exit-codes.ts';

const request = (argv: string[]) => {
  const { flags, positionals } = parseAuditFlags(argv);
  return buildAuditRequest(flags, positionals);
};

describe('flag values', () => {
  it('lists split on commas and collect repeats', () => {
    expect(list(['Medium,High', ' Very High '])).toEqual(['Medium', 'High', 'Very High']);
    expect(list(undefined)).toBeUndefined();
  });

  it('numbers must be finite', () => {
    expect(number('0.5', 'threshold')).toBe(0.5);
    expect(() => number('', 'threshold')).toThrow(new UsageError('--threshold must be a number, got ""'));
    expect(() => number('Infinity', 'threshold')).toThrow(UsageError);
  });

  it('KEY=VALUE splits at the first "="', () => {
    expect(assignments(['race=A=B', 'sex=F'], 'reference', 'race=Caucasian')).toEqual({ race: 'A=B', sex: 'F' });
    expect(() => assignments(['race'], 'reference', 'race=Caucasian')).toThrow(
      '--reference takes KEY=VALUE (e.g. --reference race=Caucasian), got "race"',
    );
  });

  it('bucket edges and policy thresholds', () => {
    expect(buckets(['age=25,45', 'income=1e4'])).toEqual({ age: [25, 45], income: [10000] });
    expect(policy(['disparate-impact=0.9', 'fprDifference=0.05', 'equal-opportunity-difference=off'])).toEqual({
      disparateImpact: 0.9,
      fprDifference: 0.05,
      equalOpportunityDifference: null,
    });
  });
});

describe('building the audit request', () => {
  it('maps every flag onto the engine configuration', () => {
    const { config, format, failOnViolation, strict, out, delimiter } = request([
      'data.csv',
      '--label',
      'y',
      '--label-positive',
      'yes',
      '--score',
      's',
      '--threshold',
      '0.7',
      '--weights',
      'w',
      '--sensitive',
      'race,age',
      '--buckets',
      'age=25,45',
      '--missing-sensitive',
      'drop',
      '--reference',
      'race=White',
      '--reference-strategy',
      'best-off',
      '--features',
      'f1',
      '--features',
      'f2',
      '--min-group-size',
      '50',
      '--min-denominator',
      '5',
      '--confidence',
      '0.9',
      '--policy',
      'disparate-impact=0.85',
      '--gei-alpha',
      '1',
      '--seed',
      '7',
      '--calibration-bins',
      '5',
      '--no-intersection',
      '--format',
      'json',
      '--out',
      'r.json',
      '--strict',
      '--delimiter',
      ';',
    ]);
    expect(config).toEqual({
      label: 'y',
      labelPositive: ['yes'],
      score: 's',
      threshold: 0.7,
      weights: 'w',
      sensitive: ['race', 'age'],
      buckets: { age: [25, 45] },
      missingSensitive: 'drop',
      reference: { race: 'White' },
      referenceStrategy: 'best-off',
      features: ['f1', 'f2'],
      minGroupSize: 50,
      minDenominator: 5,
      confidence: 0.9,
      policy: { disparateImpact: 0.85 },
      geiAlpha: 1,
      seed: 7,
      calibrationBins: 5,
      intersection: false,
    });
    expect({ format, failOnViolation, strict, out, delimiter }).toEqual({
      format: 'json',
      failOnViolation: true,
      strict: true,
      out: 'r.json',
      delimiter: ';',
    });
  });

  it('materialises only the columns the configuration uses, each as the engine needs it', () => {
    const { config } = request([
      'd.csv',
      '--label',
      'y',
      '--prediction',
      'p',
      '--positive',
      '1',
      '--score',
      's',
      '--sensitive',
      'race,age',
      '--buckets',
      'age=30',
      '--features',
      'race,income',
      '--weights',
      'w',
    ]);
    expect(columnRequests(config)).toEqual([
      { name: 'y', as: 'categorical' },
      { name: 'p', as: 'categorical' },
      { name: 'race', as: 'categorical' },
      { name: 'age', as: 'numeric' },
      { name: 'income', as: 'auto' },
      { name: 's', as: 'numeric' },
      { name: 'w', as: 'numeric' },
    ]);
  });

  it('unknown flags, missing values and stray positionals are usage errors', () => {
    expect(() => request(['d.csv', '--lable', 'y'])).toThrow("unknown option '--lable'");
    expect(() => request(['d.csv', '--label'])).toThrow(UsageError);
    expect(() => request(['a.csv', 'b.csv', '--label', 'y'])).toThrow('one CSV file per audit, got 2: a.csv b.csv');
  });

  it('splits the command from its arguments', () => {
    expect(splitCommand(['audit', 'x.csv'])).toEqual({
      command: 'audit',
      rest: ['x.csv'],
      help: false,
      version: false,
    });
    expect(splitCommand([])).toMatchObject({ help: true });
    expect(splitCommand(['help', 'audit'])).toMatchObject({ command: 'audit', help: true });
    expect(() => splitCommand(['--label'])).toThrow('unknown option --label before the command');
  });
});

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/source-files.ts';

const DIR = path.join(REPO_ROOT, 'examples/german-credit');
const SCRIPT = 'examples/german-credit/make-decisions.ts';

/** The shipped example must be what its committed script makes, so the README's account of it holds. */
describe('examples/german-credit', () => {
  it('ships the source file its README names, byte for byte', () => {
    const digest = createHash('sha256')
      .update(fs.readFileSync(path.join(DIR, 'german.csv')))
      .digest('hex');
    expect(fs.readFileSync(path.join(DIR, 'README.md'), 'utf8')).toContain(digest);
    expect(digest).toBe('532082711a8ec4df65cf60775eb7d59d3a5e3458c5a88695630beffd96dfff86');
  });

  it('decisions.csv is the output of make-decisions.ts run by plain node', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-example-')), 'decisions.csv');
    try {
      execFileSync(process.execPath, [SCRIPT, out], { cwd: REPO_ROOT, stdio: 'pipe' });
      const fresh = fs.readFileSync(out, 'utf8');
      const committed = fs.readFileSync(path.join(DIR, 'decisions.csv'), 'utf8');
      const line = committed.split('\n').findIndex((text, i) => text !== fresh.split('\n')[i]);
      expect(
        line,
        `decisions.csv differs from the script's output at line ${line + 1}; run \`node ${SCRIPT}\` and commit`,
      ).toBe(-1);
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });

  it('has one row per applicant, a decision for each, and the counts the README states', () => {
    const [header, ...rows] = fs.readFileSync(path.join(DIR, 'decisions.csv'), 'utf8').trimEnd().split('\n');
    const columns = header.split(',');
    const cells = rows.map((row) => row.split(','));
    expect(cells).toHaveLength(1000);
    expect(cells.every((c) => c.length === columns.length)).toBe(true);
    const count = (column: string, value: string) => cells.filter((c) => c[columns.indexOf(column)] === value).length;
    expect([count('credit_risk', 'good'), count('credit_risk', 'bad')]).toEqual([700, 300]);
    expect([count('decision', 'approve'), count('decision', 'deny')]).toEqual([403, 597]);
    expect([count('sex', 'male'), count('sex', 'female')]).toEqual([690, 310]);
    expect([count('age_group', 'over 25'), count('age_group', '25 or under')]).toEqual([810, 190]);
    const score = columns.indexOf('score');
    const decision = columns.indexOf('decision');
    expect(cells.every((c) => Number(c[score]) >= 0.8333 === (c[decision] === 'approve'))).toBe(true);
  });
});

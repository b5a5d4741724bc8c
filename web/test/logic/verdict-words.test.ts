import { describe, expect, it } from 'vitest';
import { orderVerdicts, plainVerdict } from '../../src/logic/verdict-words.ts';
import type { Verdict } from '../../src/logic/types.ts';

const verdict = (patch: Partial<Verdict>): Verdict => ({
  attribute: 'race',
  metric: 'disparate_impact',
  status: 'fail',
  groups: ['African-American', 'Caucasian'],
  value: 0.55,
  interval: [0.4, 0.7],
  threshold: 0.8,
  pValue: 0.0001,
  significant: true,
  reason: 'engine reason',
  ...patch,
});

describe('plain-words verdicts', () => {
  it("says a failed four-fifths check as a share of the most-selected group's rate, with the policy and certainty", () => {
    const words = plainVerdict(verdict({}));
    expect(words.title).toBe(
      'Fails: race — how often each group is selected (ratio of selection rates, the four-fifths rule)',
    );
    expect(words.sentence).toBe(
      'The least-selected group (African-American) is selected at 55% of the rate of the most-selected group (ratio 0.550); the policy asks for at least 0.800.',
    );
    expect(words.certainty).toBe('The gap is statistically significant (p<0.001): it is unlikely to be chance.');
  });

  it('says a difference in percentage points, and when a gap may be chance', () => {
    const words = plainVerdict(
      verdict({
        metric: 'equal_opportunity_difference',
        status: 'warn',
        value: 0.072,
        threshold: 0.05,
        significant: false,
        pValue: 0.21,
      }),
    );
    expect(words.title).toMatch(/^Needs review: race — how often people who truly qualify are selected/);
    expect(words.sentence).toBe(
      'The gap between African-American and Caucasian is 7.2 percentage points; the policy allows at most 5.0.',
    );
    expect(words.certainty).toBe(
      'The gap is not statistically significant (p=0.210): it may be chance, so more data is needed.',
    );
  });

  it("explains a review that rests on small groups with the engine's reason", () => {
    const words = plainVerdict(
      verdict({ status: 'warn', significant: null, reason: 'breached only when small cells are counted' }),
    );
    expect(words.certainty).toBe('Why it needs review: breached only when small cells are counted.');
  });

  it('puts failures first, then reviews, then passes', () => {
    const list = [
      verdict({ status: 'pass', attribute: 'a' }),
      verdict({ status: 'fail', attribute: 'b' }),
      verdict({ status: 'warn', attribute: 'c' }),
      verdict({ status: 'fail', attribute: 'd' }),
    ];
    expect(orderVerdicts(list).map((v) => v.attribute)).toEqual(['b', 'd', 'c', 'a']);
  });
});

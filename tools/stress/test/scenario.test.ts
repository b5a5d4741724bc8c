import { describe, expect, it } from 'vitest';
import { ALL_SCENARIOS } from '../src/profiles.ts';
import { loadScenario, parseScenario, scenarioNames } from '../src/scenario.ts';

describe('scenarios', () => {
  it('has every profile the suite promises, each a valid scenario named after its file', () => {
    expect(scenarioNames()).toEqual(expect.arrayContaining([...ALL_SCENARIOS, 'ci']));
    for (const name of scenarioNames()) expect(loadScenario(name).name).toBe(name);
  });

  it('expects only the statuses of success from every committed mix: a 404 or a 429 is never expected', () => {
    for (const name of scenarioNames()) {
      const s = loadScenario(name);
      const expected = s.kind === 'open-loop' ? s.mix.flatMap((m) => m.expect) : s.expect;
      expect(
        expected.filter((code) => code >= 400),
        name,
      ).toEqual([]);
    }
  });

  it('names the bad field of a broken scenario', () => {
    const broken = {
      name: 'x',
      description: 'x',
      kind: 'open-loop',
      warmupSeconds: 0,
      requestTimeoutMs: 1000,
      phases: [{ name: 'p', seconds: 1, rate: -3 }],
      mix: [{ endpoint: 'evaluate', weight: 1, expect: [201] }],
    };
    expect(() => parseScenario(broken, 'broken.json')).toThrow(/broken\.json: not a valid scenario: \/phases\/0/);
    expect(() =>
      parseScenario(
        {
          ...broken,
          phases: [{ name: 'p', seconds: 1, rate: 1 }],
          mix: [{ endpoint: 'evaluat', weight: 1, expect: [201] }],
        },
        'b.json',
      ),
    ).toThrow(/\/mix\/0\/endpoint/);
    expect(() => loadScenario('no-such-profile')).toThrow(/no scenario "no-such-profile" \(known: .*baseline/);
  });
});

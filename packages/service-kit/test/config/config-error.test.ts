import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';

describe('ConfigError', () => {
  it('says NAME: problem for one problem or many, on one line, and keeps the list', () => {
    const one = new ConfigError({ name: 'AI_CORE_TOKEN', problem: 'required in the production profile' });
    expect(one.message).toBe('Invalid configuration: AI_CORE_TOKEN: required in the production profile');
    const many = new ConfigError([
      { name: 'PORT', problem: 'must be a whole number' },
      { name: '/srv/secrets.json', problem: 'not valid JSON' },
    ]);
    expect(many.message).toBe('Invalid configuration: PORT: must be a whole number; /srv/secrets.json: not valid JSON');
    expect(many.problems.map((p) => p.name)).toEqual(['PORT', '/srv/secrets.json']);
    expect(Object.isFrozen(many.problems)).toBe(true);
    expect([many.name, many instanceof Error]).toEqual(['ConfigError', true]);
  });
});

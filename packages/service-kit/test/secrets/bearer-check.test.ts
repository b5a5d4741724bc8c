import { describe, expect, it } from 'vitest';
import { createBearerCheck } from '../../src/secrets/bearer-check.ts';

describe('createBearerCheck', () => {
  const check = createBearerCheck(['first-token-0123456789', 'second-token-0123456789']);

  it('accepts any of the configured tokens as "Bearer <token>", scheme in any case', () => {
    expect(check('Bearer first-token-0123456789')).toBe(true);
    expect(check('bearer second-token-0123456789')).toBe(true);
    expect(check('Bearer  first-token-0123456789 ')).toBe(true);
  });

  it('refuses anything else: no header, another scheme, a prefix, a wrong or empty token', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Basic first-token-0123456789',
      'first-token-0123456789',
      'Bearer first-token-012345678',
      'Bearer first-token-01234567890',
      'Bearer a b',
    ]) {
      expect(check(header), String(header)).toBe(false);
    }
  });

  it('cannot be built without a token', () => {
    expect(() => createBearerCheck([])).toThrow('at least one non-empty token');
    expect(() => createBearerCheck([''])).toThrow('at least one non-empty token');
  });
});

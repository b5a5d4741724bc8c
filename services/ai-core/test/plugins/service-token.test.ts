import { describe, expect, it } from 'vitest';
import { createTokenCheck } from '../../src/plugins/service-token.ts';

describe('createTokenCheck', () => {
  const check = createTokenCheck('the-right-token-123456');

  it('accepts the exact bearer token, scheme case-insensitively', () => {
    expect(check('Bearer the-right-token-123456')).toBe(true);
    expect(check('bearer the-right-token-123456')).toBe(true);
  });

  it.each([
    [undefined],
    [''],
    ['the-right-token-123456'],
    ['Basic the-right-token-123456'],
    ['Bearer the-right-token-12345'],
    ['Bearer the-right-token-1234567'],
    ['Bearer THE-RIGHT-TOKEN-123456'],
    ['Bearer the-right-token-123456 extra'],
  ])('rejects %j', (header) => {
    expect(check(header)).toBe(false);
  });
});

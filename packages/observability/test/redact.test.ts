import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from '../src/redact.ts';

describe('redactSecrets', () => {
  it('returns the same object when nothing is sensitive (no copy on the hot path)', () => {
    const line = { method: 'GET', route: '/x', status: 200, nested: { a: 1 } };
    expect(redactSecrets(line)).toBe(line);
  });

  it('redacts secrets and uploaded data at any depth up to 4, case-insensitively, without mutating the input', () => {
    const input = {
      password: 'p',
      headers: Object.assign(Object.create(null) as Record<string, string>, { Authorization: 'Bearer t', accept: 'json' }),
      body: { user: { refreshToken: 'r', name: 'n' }, dataset: { rows: [[1]], columns: ['age'] } },
      rows: [{ x: 1 }],
    };
    const out = redactSecrets(input);
    expect(out).toEqual({
      password: REDACTED,
      headers: { Authorization: REDACTED, accept: 'json' },
      body: { user: { refreshToken: REDACTED, name: 'n' }, dataset: { rows: REDACTED, columns: REDACTED } },
      rows: REDACTED,
    });
    expect(input.password).toBe('p');
    expect(input.body.user.refreshToken).toBe('r');
  });

  it('leaves errors and arrays to their own serializers and stops below depth 4', () => {
    const err = Object.assign(new Error('x'), { token: 'kept-on-error-object' });
    const deep = { a: { b: { c: { d: { e: { password: 'too-deep' } } } } } };
    expect(redactSecrets({ err }).err).toBe(err);
    expect(redactSecrets(deep)).toBe(deep);
    expect(redactSecrets({ a: { b: { c: { d: { password: 'x' } } } } })).toEqual({ a: { b: { c: { d: { password: REDACTED } } } } });
  });
});

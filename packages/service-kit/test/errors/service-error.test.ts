import { describe, expect, it } from 'vitest';
import { defineErrors, ServiceError } from '../../src/errors/service-error.ts';

const CATALOGUE = {
  XX_ERR_NOT_FOUND: { status: 404, title: 'No such thing' },
  XX_ERR_BUSY: { status: 503, title: 'Busy; retry after the given delay' },
} as const;
const xxError = defineErrors(CATALOGUE);

describe('defineErrors', () => {
  it('builds the one ServiceError class with the status its catalogue gives the code', () => {
    const err = xxError('XX_ERR_NOT_FOUND', 'Thing 7 not found');
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toBeInstanceOf(Error);
    expect([err.code, err.statusCode, err.message, err.name]).toEqual([
      'XX_ERR_NOT_FOUND',
      404,
      'Thing 7 not found',
      'ServiceError',
    ]);
    expect([err.headers, err.details, err.cause]).toEqual([{}, {}, undefined]);
  });

  it('defaults the message to the title and carries headers, details and the cause', () => {
    const cause = new Error('ECONNREFUSED');
    const err = xxError('XX_ERR_BUSY', undefined, {
      headers: { 'retry-after': '5' },
      details: { limit: 'queue', max: 10 },
      cause,
    });
    expect(err.message).toBe('Busy; retry after the given delay');
    expect(err.headers).toEqual({ 'retry-after': '5' });
    expect(err.details).toEqual({ limit: 'queue', max: 10 });
    expect(err.cause).toBe(cause);
  });

  it('.is() recognises only ServiceErrors with a code of its own catalogue', () => {
    const other = defineErrors({ YY_ERR_GONE: { status: 410, title: 'Gone' } });
    expect(xxError.is(xxError('XX_ERR_BUSY'))).toBe(true);
    expect(xxError.is(other('YY_ERR_GONE'))).toBe(false);
    expect(xxError.is(Object.assign(new Error('look-alike'), { code: 'XX_ERR_BUSY', statusCode: 503 }))).toBe(false);
    expect(xxError.is(new ServiceError('toString', 500, 'inherited keys are not codes'))).toBe(false);
    expect(xxError.is(undefined)).toBe(false);
  });
});

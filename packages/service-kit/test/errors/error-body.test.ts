import { describe, expect, it } from 'vitest';
import { errorBody } from '../../src/errors/error-body.ts';

describe('errorBody', () => {
  it('is {statusCode, code, error, message} with the reason phrase, plus details only when there are some', () => {
    expect(errorBody(429, 'BE_ERR_RATE_LIMITED', 'slow down')).toEqual({
      statusCode: 429,
      code: 'BE_ERR_RATE_LIMITED',
      error: 'Too Many Requests',
      message: 'slow down',
    });
    expect(errorBody(413, 'AIC_ERR_TOO_MANY_ROWS', 'too many', {})).not.toHaveProperty('details');
    expect(errorBody(413, 'AIC_ERR_TOO_MANY_ROWS', 'too many', { limit: 'maxRows', max: 5 }).details).toEqual({
      limit: 'maxRows',
      max: 5,
    });
    expect(errorBody(599, 'XX_ERR_ODD', 'odd').error).toBe('Error');
  });
});

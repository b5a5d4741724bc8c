import { describe, expect, it } from 'vitest';
import { InFlightRequests } from '../src/in-flight.ts';

function snapshot(inFlight: InFlightRequests): Record<string, number> {
  const out: Record<string, number> = {};
  inFlight.forEach((method, route, count) => (out[`${method} ${route}`] = count));
  return out;
}

describe('InFlightRequests', () => {
  it('counts per method and route, keeps series that went back to zero, never goes negative', () => {
    const inFlight = new InFlightRequests();
    inFlight.start('POST', '/v1/evaluate');
    inFlight.start('POST', '/v1/evaluate');
    inFlight.start('GET', '/v1/reports/:id');
    inFlight.end('POST', '/v1/evaluate');
    expect(snapshot(inFlight)).toEqual({ 'POST /v1/evaluate': 1, 'GET /v1/reports/:id': 1 });
    inFlight.end('GET', '/v1/reports/:id');
    inFlight.end('GET', '/v1/reports/:id');
    inFlight.end('DELETE', '/never-started');
    expect(snapshot(inFlight)).toEqual({ 'POST /v1/evaluate': 1, 'GET /v1/reports/:id': 0 });
  });
});

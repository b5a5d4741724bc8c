import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, build } from '../helper.ts';
import { CONFIG, CSV, EXPECTED_GROUPS, groupCounts } from '../fixtures.ts';

/** A multipart/form-data body as a client builds it (the platform's FormData). */
async function form(parts: [string, string | Blob][]): Promise<{ headers: Record<string, string>; payload: Buffer }> {
  const data = new FormData();
  for (const [name, value] of parts) data.append(name, value);
  const encoded = new Response(data);
  return {
    headers: { ...AUTH, 'content-type': encoded.headers.get('content-type') as string },
    payload: Buffer.from(await encoded.arrayBuffer()),
  };
}
const csvFile = (text: string) => new Blob([text], { type: 'text/csv' });

describe('POST /v1/analyze with a multipart body (config field, data file)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build({ AI_CORE_MAX_CSV_BYTES: '2000' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('audits the CSV file with the configuration of the config field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/analyze',
      ...(await form([
        ['config', JSON.stringify(CONFIG)],
        ['data', csvFile(CSV)],
      ])),
    });
    expect(res.statusCode).toBe(200);
    expect(groupCounts(res.json())).toEqual(EXPECTED_GROUPS);
  });

  const cases: [string, [string, string | Blob][], number, string, RegExp][] = [
    [
      'no config field',
      [['data', csvFile(CSV)]],
      400,
      'AIC_ERR_VALIDATION',
      /^config: a multipart body needs one config field/,
    ],
    ['no data file', [['config', JSON.stringify(CONFIG)]], 400, 'AIC_ERR_VALIDATION', /^data:/],
    [
      'config that is not JSON',
      [
        ['config', '{"label":'],
        ['data', csvFile(CSV)],
      ],
      400,
      'AIC_ERR_MALFORMED_JSON',
      /config field is not valid JSON/,
    ],
    [
      'config the engine refuses',
      [
        ['config', JSON.stringify({ ...CONFIG, sensitive: [] })],
        ['data', csvFile(CSV)],
      ],
      400,
      'FAIR_ERR_INVALID_CONFIG',
      /sensitive/,
    ],
    [
      'config over the contract bounds',
      [
        ['config', JSON.stringify({ ...CONFIG, labelPositive: ['x'.repeat(5000)] })],
        ['data', csvFile(CSV)],
      ],
      400,
      'AIC_ERR_VALIDATION',
      /^config\.labelPositive/,
    ],
    [
      'two config fields',
      [
        ['config', JSON.stringify(CONFIG)],
        ['config', JSON.stringify(CONFIG)],
        ['data', csvFile(CSV)],
      ],
      400,
      'AIC_ERR_VALIDATION',
      /exactly two parts/,
    ],
    [
      'a file over the CSV limit',
      [
        ['config', JSON.stringify(CONFIG)],
        ['data', csvFile(`g,y,p\n${'a,1,0\n'.repeat(400)}`)],
      ],
      413,
      'AIC_ERR_PAYLOAD_TOO_LARGE',
      /AI_CORE_MAX_CSV_BYTES/,
    ],
  ];
  it.each(cases)('%s -> %i %s', async (_name, parts, status, code, message) => {
    const res = await app.inject({ method: 'POST', url: '/v1/analyze', ...(await form(parts)) });
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
    expect(res.json().message).toMatch(message);
  });

  it('refuses a form whose boundary is broken with a 400, not a 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/analyze',
      headers: { ...AUTH, 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\ncontent-disposition: form-data; name="config"\r\n\r\n{}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toMatch(/^AIC_ERR_/);
  });
});

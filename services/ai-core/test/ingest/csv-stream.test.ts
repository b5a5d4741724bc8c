import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { columnRequests, tableFromCsvStream } from '../../src/ingest/csv-stream.ts';

const LIMITS = { maxJsonBytes: 1000, maxCsvBytes: 1000, maxRows: 10, maxColumns: 5 };
const CONFIG = { label: 'y', prediction: 'p', sensitive: ['g'] };

describe('tableFromCsvStream', () => {
  it('materialises only the configured columns, typed by content', async () => {
    const body = new PassThrough();
    const table = tableFromCsvStream(body, CONFIG, LIMITS, 0);
    body.write('g,y,p,unused\na,1,');
    body.end('0,x\nb,0,1,y\n');
    const result = await table;
    expect(result.rowCount).toBe(2);
    expect([...result.columns.keys()]).toEqual(['g', 'y', 'p']);
    expect(result.columns.get('g')).toMatchObject({ kind: 'categorical', levels: ['a', 'b'] });
    expect(result.columns.get('y')?.kind).toBe('numeric');
  });

  it('rejects a declared Content-Length over the limit before reading anything', async () => {
    const body = new PassThrough();
    await expect(tableFromCsvStream(body, CONFIG, LIMITS, 1001)).rejects.toMatchObject({
      code: 'AIC_ERR_PAYLOAD_TOO_LARGE',
      statusCode: 413,
    });
    expect(body.readableFlowing).toBe(null);
  });

  it('settles (400) when the client goes away mid-upload', async () => {
    const body = new PassThrough();
    const table = tableFromCsvStream(body, CONFIG, LIMITS, 0);
    body.write('g,y,p\na,1,0\n');
    body.destroy();
    await expect(table).rejects.toMatchObject({ code: 'AIC_ERR_BAD_REQUEST', statusCode: 400 });
  });

  it('asks for score and weights as numbers, everything else by content', () => {
    expect(
      columnRequests({
        label: 'y',
        score: 's',
        threshold: 0.5,
        weights: 'w',
        sensitive: ['g', 'h'],
        features: ['f', 'g'],
      }),
    ).toEqual([
      { name: 'y', as: 'auto' },
      { name: 'g', as: 'auto' },
      { name: 'h', as: 'auto' },
      { name: 'f', as: 'auto' },
      { name: 's', as: 'numeric' },
      { name: 'w', as: 'numeric' },
    ]);
  });
});

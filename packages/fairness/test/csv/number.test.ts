import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber, parseSimpleDecimal } from '../../src/csv/number.ts';
import { utf8 } from './helpers.ts';

const parse = (text: string): number => parseNumber(utf8(text), 0, utf8(text).length);
const parseSimple = (text: string): number => parseSimpleDecimal(utf8(text), 0, utf8(text).length);

describe('parseNumber', () => {
  it('accepts decimal notation exactly as Number() reads it', () => {
    const texts = [
      '0',
      '-0',
      '+5',
      '1.',
      '.5',
      '1.50',
      '007',
      '-12.25',
      '1e3',
      '1E+3',
      '2.5e-3',
      ' 42 ',
      '\t7',
      '123456789012345',
      '1234567890123456789',
      '0.1',
      '0.30000000000000004',
      '9007199254740993',
      '1e400',
      '4.9e-325',
    ];
    for (const text of texts) expect(Object.is(parse(text), Number(text)), text).toBe(true);
  });

  it('rejects what is not a decimal number', () => {
    for (const text of [
      '',
      '.',
      '-',
      '+',
      'e5',
      '1e',
      '1e+',
      '0x10',
      'NaN',
      'Infinity',
      '1,5',
      '1.2.3',
      '--1',
      '1 2',
      'abc',
      '١',
    ]) {
      expect(parse(text), text).toBeNaN();
      expect(parseSimple(text), text).toBeNaN();
    }
  });

  it('equals Number(text) for any generated decimal (fast path and slow path agree)', () => {
    const decimal = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        fc.stringMatching(/^[0-9]{0,20}$/),
        fc.option(fc.stringMatching(/^[0-9]{0,20}$/)),
        fc.option(fc.integer({ min: -330, max: 330 })),
      )
      .filter(([, int, frac]) => int.length > 0 || (frac !== null && frac.length > 0))
      .map(
        ([sign, int, frac, exp]) => `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `e${exp}`}`,
      );
    fc.assert(
      fc.property(decimal, (text) => {
        expect(Object.is(parse(text), Number(text))).toBe(true);
        expect(Object.is(parseSimple(text), Number(text))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('round-trips every double through its shortest text (String(-0) is "0", so -0 is left out)', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0)),
        (value) => {
          expect(Object.is(parse(String(value)), value)).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

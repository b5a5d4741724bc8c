import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvProfiler, type CsvProfile } from '../../src/csv/index.ts';
import { fairnessError, utf8 } from './helpers.ts';

function profileOf(text: string, valueCap?: number, chunk = 7): CsvProfile {
  const profiler = new CsvProfiler({ valueCap });
  const bytes = utf8(text);
  for (let at = 0; at < bytes.length; at += chunk) profiler.push(bytes.subarray(at, at + chunk));
  return profiler.finish();
}

/** The same profile computed the obvious way from csv-parse's records. */
function naiveProfile(text: string, cap: number) {
  const [header, ...rows] = parse(text, { skip_empty_lines: true, relax_column_count: false }) as string[][];
  return header.map((name, c) => {
    const cells = rows.map((row) => row[c]);
    const present = cells.filter((v) => v !== '');
    const counts = new Map<string, number>();
    for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
    const numeric = present.length > 0 && present.every((v) => /^-?\d+(\.\d+)?$/.test(v));
    const values =
      counts.size > cap
        ? null
        : [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
    return {
      name,
      type: present.length === 0 ? 'empty' : numeric ? 'numeric' : 'categorical',
      missing: cells.length - present.length,
      values,
    };
  });
}

describe('CsvProfiler', () => {
  it('types columns and counts their values, most frequent first', () => {
    const profile = profileOf(
      'race,score,two_year_recid,note\nAfrican-American,7,1,\nCaucasian,3,0,"x, y"\nAfrican-American,10,1,\n"Caucasian",1.5,0,z\n',
    );
    expect(profile.header).toEqual(['race', 'score', 'two_year_recid', 'note']);
    expect(profile.rowCount).toBe(4);
    const [race, score, label, note] = profile.columns;
    expect(race).toEqual({
      name: 'race',
      type: 'categorical',
      missing: 0,
      distinct: 2,
      values: [
        { value: 'African-American', count: 2 },
        { value: 'Caucasian', count: 2 },
      ],
      min: null,
      max: null,
    });
    expect(score).toMatchObject({ type: 'numeric', min: 1.5, max: 10, distinct: 4 });
    expect(label).toMatchObject({
      type: 'numeric',
      values: [
        { value: '1', count: 2 },
        { value: '0', count: 2 },
      ],
    });
    expect(note).toMatchObject({
      type: 'categorical',
      missing: 2,
      values: [
        { value: 'x, y', count: 1 },
        { value: 'z', count: 1 },
      ],
    });
  });

  it('drops the values of a column with more distinct values than the cap, keeps its type and range', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${i},a`).join('\n');
    const [id, constant] = profileOf(`id,c\n${rows}\n`, 200).columns;
    expect(id).toMatchObject({ type: 'numeric', distinct: null, values: null, min: 0, max: 299 });
    expect(constant).toMatchObject({ distinct: 1, values: [{ value: 'a', count: 300 }] });
  });

  it('calls a column without any value empty, and profiles a repeated header name once', () => {
    const profile = profileOf('a,b,a\n,1,2\n,3,4\n');
    expect(profile.header).toEqual(['a', 'b', 'a']);
    expect(profile.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['a', 'empty', 2],
      ['b', 'numeric', 0],
    ]);
  });

  it('refuses a broken file as the scanner does, naming the line', () => {
    const error = fairnessError(() => profileOf('a,b\n1,2\n3\n'), 'FAIR_ERR_CSV_RAGGED_ROW');
    expect(error.details.line).toBe(3);
    fairnessError(() => profileOf(''), 'FAIR_ERR_EMPTY_INPUT');
  });

  it('agrees with a naive count over csv-parse for any small table and chunking', () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'a', 'b', 'x y', '0', '1', '2.5', '-3'),
      fc.integer({ min: 0, max: 20 }).map(String),
    );
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((cols) =>
            fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 30 }),
          ),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 64 }),
        (rows, cap, chunk) => {
          // A row of empty cells in a one-column file is a blank line; both readers skip it.
          const kept = rows[0].length === 1 ? rows.filter((r) => r[0] !== '') : rows;
          fc.pre(kept.length > 0);
          const header = kept[0].map((_, i) => `c${i}`);
          const text = [header, ...kept].map((r) => r.join(',')).join('\n') + '\n';
          const got = profileOf(text, cap, chunk);
          const want = naiveProfile(text, cap);
          expect(got.rowCount).toBe(kept.length);
          expect(
            got.columns.map(({ name, type, missing, values }) => ({
              name,
              type,
              missing,
              values: values?.slice().sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)) ?? null,
            })),
          ).toEqual(
            want.map((w) => ({
              ...w,
              values: w.values?.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)) ?? null,
            })),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

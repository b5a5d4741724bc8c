import { describe, expect, it } from 'vitest';
import { JsonShapeError, parseMember, topLevelMembers } from '../../src/analyses/json-members.ts';

const enc = (s: string) => Buffer.from(s, 'utf8');

function members(text: string) {
  const buf = enc(text);
  return Object.fromEntries([...topLevelMembers(buf)].map(([k, r]) => [k, buf.subarray(r.start, r.end).toString()]));
}

describe('topLevelMembers', () => {
  it('returns each member value as its exact byte range', () => {
    const text = ' { "config" : {"label":"y","a":[1,{"b":"}]\\""}]} ,"data":{"rows":[{"x":"{"}]}, "n": -1.5e3, "t":true}\n';
    expect(members(text)).toEqual({
      config: '{"label":"y","a":[1,{"b":"}]\\""}]}',
      data: '{"rows":[{"x":"{"}]}',
      n: '-1.5e3',
      t: 'true',
    });
    expect(members('{}')).toEqual({});
  });

  it('decodes escaped member names', () => {
    expect(Object.keys(members('{"d\\u0061ta":1}'))).toEqual(['data']);
  });

  it.each([
    ['[]', 'the body must be a JSON object'],
    ['{"a":1', 'expected "," or "}"'],
    ['{"a":1,}', 'expected a member name'],
    ['{"a" 1}', 'expected ":"'],
    ['{"a":[1}', 'mismatched bracket'],
    ['{"a":"x}', 'unterminated string'],
    ['{"a":1} x', 'unexpected data after the object'],
    ['{"a":1,"a":2}', 'duplicate member "a"'],
    ['', 'the body must be a JSON object'],
  ])('rejects %j: %s', (text, message) => {
    expect(() => topLevelMembers(enc(text))).toThrow(new RegExp(message.replace(/[[\]{}()"]/g, '\\$&')));
  });

  it('refuses nesting deeper than 512 levels, accepts 512', () => {
    const nested = (depth: number) => `{"data":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(members(nested(512)).data).toHaveLength(1024);
    expect(() => topLevelMembers(enc(nested(513)))).toThrow(/nested deeper than 512 levels/);
  });

  it('skips escaped quotes and backslashes inside long strings', () => {
    expect(members('{"a":{"s":"x\\\\\\"}]' + 'y'.repeat(100) + '"},"b":2}')).toEqual({ a: '{"s":"x\\\\\\"}]' + 'y'.repeat(100) + '"}', b: '2' });
  });

  it('parseMember parses a range and reports a bad scalar as a shape error', () => {
    const buf = enc('{"id":"abc","bad":tru}');
    const ranges = topLevelMembers(buf);
    expect(parseMember(buf, ranges.get('id')!)).toBe('abc');
    expect(() => parseMember(buf, ranges.get('bad')!)).toThrow(JsonShapeError);
  });
});

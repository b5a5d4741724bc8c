import { describe, expect, it } from 'vitest';
import { splitArguments } from '../src/call-arguments.ts';

describe('splitArguments', () => {
  it('splits at top-level commas only, keeping nested calls, arrays and strings whole', () => {
    const source = `f(env, sharedName(env, 'A', 'B'), ['x, y', "z)"], 64 * MB) + rest`;
    expect(splitArguments(source, 1)).toEqual({ args: ['env', "sharedName(env, 'A', 'B')", `['x, y', "z)"]`, '64 * MB'], end: source.indexOf(') + rest') });
  });

  it('handles an empty list and escaped quotes', () => {
    expect(splitArguments('g()', 1)).toEqual({ args: [], end: 2 });
    expect(splitArguments(`h('it\\'s, fine', 2)`, 1).args).toEqual([`'it\\'s, fine'`, '2']);
  });

  it('refuses a position that is not an opening parenthesis, and an unbalanced call', () => {
    expect(() => splitArguments('f(a', 0)).toThrow('expected "(" at 0');
    expect(() => splitArguments('f(a, (b)', 1)).toThrow('unbalanced call starting at 1');
  });
});

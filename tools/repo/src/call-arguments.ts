/**
 * Splits the argument list of a call in TypeScript source text at top-level commas, honouring
 * nested brackets and string literals. Enough for reading configuration calls; not a parser.
 */
const OPEN = '([{';
const CLOSE = ')]}';

export function splitArguments(source: string, openParen: number): { args: string[]; end: number } {
  if (source[openParen] !== '(') throw new Error(`splitArguments: expected "(" at ${openParen}`);
  const args: string[] = [];
  let depth = 0;
  let start = openParen + 1;
  for (let i = openParen + 1; i < source.length; i++) {
    const ch = source[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      i = closingQuote(source, i);
    } else if (OPEN.includes(ch)) {
      depth++;
    } else if (CLOSE.includes(ch)) {
      if (depth === 0) {
        const last = source.slice(start, i).trim();
        if (last !== '' || args.length > 0) args.push(last);
        return { args, end: i };
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      args.push(source.slice(start, i).trim());
      start = i + 1;
    }
  }
  throw new Error(`splitArguments: unbalanced call starting at ${openParen}`);
}

function closingQuote(source: string, open: number): number {
  const quote = source[open];
  for (let i = open + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return i;
  }
  throw new Error(`splitArguments: unterminated string at ${open}`);
}

import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from '../src/source-files.ts';

export const REGENERATE = 'node tools/repo/src/generate-all.ts';

/**
 * A generated file must equal a fresh render. On a mismatch the message names the file, the first
 * differing line and the command that regenerates it, instead of dumping a huge string diff.
 */
export function expectCommitted(file: string, fresh: string): void {
  const name = path.relative(REPO_ROOT, file);
  const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (committed === fresh) return;
  let detail = 'the file is missing';
  if (committed !== undefined) {
    const [a, b] = [committed.split('\n'), fresh.split('\n')];
    const line = a.findIndex((text, i) => text !== b[i]);
    const at = line === -1 ? a.length : line;
    detail = `line ${at + 1}: committed ${JSON.stringify(a[at] ?? '<end of file>')}, code says ${JSON.stringify(b[at] ?? '<end of file>')}`;
  }
  expect.fail(`${name} is stale (${detail}). Regenerate with \`${REGENERATE}\` and commit the result.`);
}

import fs from 'node:fs';
import { expect, it } from 'vitest';
import { ERRORS_DOC, renderErrorsDoc } from '../src/errors-doc.ts';

it('docs/reference/errors.md lists exactly the codes of the catalogues (regenerate with --write)', () => {
  expect(fs.readFileSync(ERRORS_DOC, 'utf8')).toBe(renderErrorsDoc());
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPS_DIR, renderOpsArtefacts } from '../src/artefacts.ts';

describe('generated ops files', () => {
  it.each(renderOpsArtefacts().map(([file, content]) => [path.relative(OPS_DIR, file), file, content]))(
    "ops/%s equals the specification's output (regenerate with npm run generate)",
    (_name, file, content) => {
      expect(fs.existsSync(file), `${file} is missing`).toBe(true);
      expect(fs.readFileSync(file, 'utf8')).toBe(content);
    },
  );
});

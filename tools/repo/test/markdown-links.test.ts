import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  brokenLinks,
  headingAnchors,
  isUserDoc,
  linkTargets,
  markdownFiles,
  missingQuotedPaths,
  outsideReferences,
} from '../src/markdown-links.ts';

const FILES = markdownFiles();
const USER_DOCS = FILES.filter(isUserDoc);

describe("the repository's Markdown", () => {
  it('finds the user documentation', () => {
    expect(USER_DOCS).toContain('README.md');
    expect(USER_DOCS).toContain(path.join('docs', 'architecture.md'));
    expect(USER_DOCS).toContain(path.join('examples', 'german-credit', 'README.md'));
  });

  it('has no relative link to a missing file or heading, nor one leaving the repository', () => {
    expect(FILES.flatMap((file) => brokenLinks(file))).toEqual([]);
  });

  it('user documentation cites nothing outside the repository (no ../shared)', () => {
    expect(USER_DOCS.flatMap((file) => outsideReferences(file))).toEqual([]);
  });

  it('user documentation quotes only repository paths that exist', () => {
    expect(USER_DOCS.flatMap((file) => missingQuotedPaths(file))).toEqual([]);
  });
});

describe('the Markdown checks catch what they are for', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-md-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string): string => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
    return file;
  };
  write('docs/present.md', '# Present\n\n## Two words\n\n## Two words\n');
  write('packages/kit/index.ts', '');

  it('reads links outside code only, with titles, images and reference definitions', () => {
    const text = '[a](x.md) ![b](img.png "t") `[c](no.md)`\n```\n[d](no.md)\n```\n[e]: y.md\n';
    expect(linkTargets(text)).toEqual(['x.md', 'img.png', 'y.md']);
  });

  it('numbers repeated headings as GitHub does', () => {
    expect([...headingAnchors('# Present\n## Two words\n## Two words\n### `npm start`, then?\n')]).toEqual([
      'present',
      'two-words',
      'two-words-1',
      'npm-start-then',
    ]);
  });

  it('flags a missing file, a missing heading and a link leaving the repository; accepts the rest', () => {
    const file = write(
      'README.md',
      [
        '[ok](docs/present.md#two-words-1) [self](#top) [web](https://example.org/x.md) [dir](packages/kit)',
        '[gone](docs/absent.md) [anchor](docs/present.md#absent) [out](../shared/DESIGN.md)',
        '# Top',
      ].join('\n'),
    );
    expect(brokenLinks(file, root)).toEqual([
      'README.md: link docs/absent.md points to a missing file',
      'README.md: link docs/present.md#absent names no heading of docs/present.md',
      'README.md: link ../shared/DESIGN.md leaves the repository',
    ]);
  });

  it('flags a path outside the repository even in a command line', () => {
    const file = write(
      'docs/run.md',
      'Run it:\n\n```sh\nnpx ethixai audit ../shared/datasets/compas/x.csv\n```\nfine line\n',
    );
    expect(outsideReferences(file, root)).toEqual(['docs/run.md:4: npx ethixai audit ../shared/datasets/compas/x.csv']);
  });

  it('flags a quoted repository path that does not exist, not globs, placeholders, ignored output or other text', () => {
    execFileSync('git', ['init', '-q'], { cwd: root });
    write('.gitignore', 'packages/kit/out/\n');
    const file = write(
      'docs/paths.md',
      '`packages/kit/index.ts` `packages/kit/gone.ts` `services/*/src` `DATA_DIR/x` `npm test` `packages/kit/index.ts:12` `packages/kit/out/`\n',
    );
    expect(missingQuotedPaths(file, root)).toEqual(['docs/paths.md: `packages/kit/gone.ts` does not exist']);
  });

  it("tells user documentation from maintainers' notes", () => {
    expect(['README.md', 'docs/a.md', 'examples/x/README.md', 'services/backend/README.md'].map(isUserDoc)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});

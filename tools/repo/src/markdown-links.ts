/**
 * Checks on the repository's Markdown: relative links resolve to files inside the repository (and
 * `#anchors` to headings), user documentation cites no path outside it, and repository paths
 * quoted in backticks exist. Someone who cloned only this repository must be able to follow every
 * reference.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './source-files.ts';

const SKIP_DIRS = new Set(['node_modules', '.git', 'coverage', 'dist', 'out', '.data', '.tmp']);

/** Every .md file of the repository, repo-relative, sorted. */
export function markdownFiles(root = REPO_ROOT): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path.join(dir, entry.name));
      } else if (entry.name.endsWith('.md')) {
        out.push(path.relative(root, path.join(dir, entry.name)));
      }
    }
  };
  walk(root);
  return out.sort();
}

/** User documentation: what a user or operator reads first. The rest documents code for its maintainers. */
export function isUserDoc(file: string): boolean {
  return file === 'README.md' || file.startsWith(`docs${path.sep}`) || file.startsWith(`examples${path.sep}`);
}

/** The text without fenced code blocks and inline code spans (links there are not links). */
export function prose(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Targets of inline links and images, `[text](target)`, and of reference definitions, `[id]: target`. */
export function linkTargets(text: string): string[] {
  const body = prose(text);
  const inline = [...body.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const definitions = [...body.matchAll(/^\s{0,3}\[[^\]]+\]:\s+<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]);
  return [...inline, ...definitions];
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]
      .replace(/`/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/** Problems with the links of one Markdown file (repo-relative path), as readable lines. */
export function brokenLinks(file: string, root = REPO_ROOT): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const problems: string[] = [];
  for (const target of linkTargets(text)) {
    if (EXTERNAL.test(target)) continue;
    const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
    const resolved =
      pathPart === ''
        ? path.join(root, file)
        : path.resolve(root, path.dirname(file), decodeURI(pathPart.split('?')[0]));
    if (!resolved.startsWith(root + path.sep)) {
      problems.push(`${file}: link ${target} leaves the repository`);
    } else if (!fs.existsSync(resolved)) {
      problems.push(`${file}: link ${target} points to a missing file`);
    } else if (
      anchor !== undefined &&
      resolved.endsWith('.md') &&
      !headingAnchors(fs.readFileSync(resolved, 'utf8')).has(anchor)
    ) {
      problems.push(`${file}: link ${target} names no heading of ${path.relative(root, resolved)}`);
    }
  }
  return problems;
}

/** Places outside this repository that a reader of the repository does not have. */
const OUTSIDE = /\.\.\/shared\b|\/work\/(?:shared|main|wt)\b|\bshared\/(?:DESIGN\.md|reference|datasets)/;

/** Lines of a file that cite a path outside the repository. */
export function outsideReferences(file: string, root = REPO_ROOT): string[] {
  return fs
    .readFileSync(path.join(root, file), 'utf8')
    .split('\n')
    .flatMap((line, i) => (OUTSIDE.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

const TOP_LEVEL = /^(?:packages|services|tools|docs|examples|e2e)\/[\w.@/-]+$/;

/** True when git ignores the path: something a run creates (bench output, builds), not a file to ship. */
function gitIgnored(root: string, relPath: string): boolean {
  // As a directory too: a pattern with a trailing slash matches a path that does not exist only so.
  return [relPath, `${relPath}/`].some((p) => spawnSync('git', ['check-ignore', '-q', p], { cwd: root }).status === 0);
}

/**
 * Repository paths quoted in backticks (`packages/cli/src/main.ts`) that do not exist. Globs,
 * placeholders and command lines are not paths and are left alone, and so are paths git ignores
 * (made by a build or a run).
 */
export function missingQuotedPaths(file: string, root = REPO_ROOT): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8').replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  return [...text.matchAll(/`([^`\n]+)`/g)]
    .map((m) => m[1].replace(/[:#].*$/, '').replace(/\/$/, ''))
    .filter((quoted) => TOP_LEVEL.test(quoted) && !fs.existsSync(path.join(root, quoted)) && !gitIgnored(root, quoted))
    .map((quoted) => `${file}: \`${quoted}\` does not exist`);
}

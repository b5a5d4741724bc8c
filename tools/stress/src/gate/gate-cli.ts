/**
 * npm run perf-gate [-- --trials 3 --out DIR]
 *
 * The CI performance gate: builds the reference commit ($ETHIXAI_PERF_BASE, else HEAD~1) in a
 * scratch worktree, starts both services of the reference and of this checkout (the candidate),
 * runs the gate workload (scenarios/gate.json) against them in alternating trials, and fails when
 * the candidate's CPU per request or p95 regresses beyond the tolerance (verdict.ts). Prints both
 * commit ids; refuses to compare a commit with itself. Writes DIR/perf-gate.json and
 * DIR/perf-gate.md (the pull-request comment). ETHIXAI_PERF_GATE_P95=true also fails on p95
 * (for machines quiet enough to judge latency; see verdict.ts). --trials N (5, at least 3).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenario, type OpenLoopScenario } from '../scenario.ts';
import { REPO_ROOT, startStack, type Stack } from '../stack.ts';
import { resolveCommits } from './commits.ts';
import { gateMarkdown, type GateReport } from './report.ts';
import { checkoutReference } from './scratch-checkout.ts';
import { alternatingTrials } from './trials.ts';
import { judgeTrials } from './verdict.ts';

const { values: opt } = parseArgs({
  options: { trials: { type: 'string', default: '5' }, out: { type: 'string', default: 'stress-results' } },
});
const log = (l: string) => process.stderr.write(`perf-gate: ${l}\n`);

async function main(): Promise<number> {
  const trials = Number(opt.trials);
  if (!Number.isInteger(trials) || trials < 3)
    throw new Error(`--trials must be an integer of at least 3, got ${opt.trials}`);
  const commits = resolveCommits(REPO_ROOT, process.env.ETHIXAI_PERF_BASE);
  console.log(`candidate: ${commits.candidate}${commits.dirty ? ' (with uncommitted changes)' : ''}`);
  console.log(`reference: ${commits.reference} (${commits.referenceSource})`);
  const scenario = loadScenario('gate') as OpenLoopScenario;
  const startedAt = new Date().toISOString();
  const load = [loadavg()];
  const checkout = checkoutReference(REPO_ROOT, commits.reference, log);
  log(`reference checked out in ${checkout.dir} (node_modules: ${checkout.install})`);
  const stacks: Stack[] = [];
  try {
    // The scratch checkout has no built web UI (web/dist), and the gate measures the API only:
    // both builds run without it.
    const env = { WEB_UI: 'false' };
    stacks.push(await startStack({ root: checkout.dir, env }));
    stacks.push(await startStack({ env }));
    const results = await alternatingTrials(
      [
        { label: 'reference', stack: stacks[0] },
        { label: 'candidate', stack: stacks[1] },
      ],
      scenario,
      trials,
      log,
    );
    load.push(loadavg());
    const verdict = judgeTrials(results.get('reference')!, results.get('candidate')!, {
      gateP95: process.env.ETHIXAI_PERF_GATE_P95 === 'true',
    });
    const report: GateReport = {
      commits,
      startedAt,
      loadAverage: load,
      install: checkout.install,
      verdict,
      trials: { reference: results.get('reference')!, candidate: results.get('candidate')! },
    };
    const out = resolve(opt.out!);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'perf-gate.json'), `${JSON.stringify(report, null, 1)}\n`);
    const md = gateMarkdown(report);
    writeFileSync(join(out, 'perf-gate.md'), `${md}\n`);
    console.log(md);
    return verdict.passed ? 0 : 1;
  } finally {
    for (const s of stacks) await s.stop();
    checkout.remove();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runDrill } from './drill.ts';
import { PROFILES } from './profiles.ts';
import { renderHtml } from './report-html.ts';
import { startStack } from './stack.ts';
import { summarise } from './summary.ts';

/**
 * `npm run chaos [-- --profile short|full] [--out dir]`: starts two ai-core replicas behind fault
 * proxies and a backend, runs the drill, writes chaos-results.json and chaos-report.html.
 * Exit 0 when every goal is met, 1 when one is not (named), 2 on bad usage.
 */
async function main(): Promise<number> {
  let values: { profile?: string; out?: string; pg?: string };
  try {
    ({ values } = parseArgs({
      options: { profile: { type: 'string' }, out: { type: 'string' }, pg: { type: 'string' } },
      strict: true,
    }));
  } catch (err) {
    console.error(
      `${(err as Error).message}\nusage: chaos-cli.ts [--profile ${Object.keys(PROFILES).join('|')}] [--out <dir>] [--pg <postgres url>]`,
    );
    return 2;
  }
  const profile = PROFILES[values.profile ?? 'full'];
  if (!profile) {
    console.error(`--profile must be one of ${Object.keys(PROFILES).join(', ')} (got ${values.profile})`);
    return 2;
  }
  const out = path.resolve(values.out ?? 'reports/chaos');
  const stack = await startStack(values.pg ? { pgUrl: values.pg } : {});
  try {
    const result = await runDrill(stack, profile);
    const summary = summarise(result);
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(
      path.join(out, 'chaos-results.json'),
      `${JSON.stringify({ summary, phases: result.phases, lost: result.lost, profile: result.profile, startedAt: result.startedAt }, null, 2)}\n`,
    );
    fs.writeFileSync(path.join(out, 'chaos-report.html'), renderHtml(result, summary));
    console.log(
      `chaos drill ${profile.name}: success ${(summary.success_rate * 100).toFixed(2)} % of ${summary.requests}, ${summary.five_hundreds} 500s, ${summary.lost_writes} of ${summary.acknowledged_writes} acknowledged writes lost, slowest recovery ${summary.max_recovery_ms} ms`,
    );
    for (const p of result.phases)
      if (p.kind !== 'calm')
        console.log(
          `  ${p.name}: recovered in ${p.recoveryMs ?? 'never'} ms${p.restartMs === undefined ? '' : ` (restart ${p.restartMs} ms)`}`,
        );
    console.log(`results: ${path.join(out, 'chaos-results.json')}, report: ${path.join(out, 'chaos-report.html')}`);
    for (const v of summary.violations) console.error(`goal missed: ${v}`);
    return summary.violations.length === 0 ? 0 : 1;
  } finally {
    await stack.close();
  }
}

process.exitCode = await main();

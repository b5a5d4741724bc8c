import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ALERTS_PROFILE, ALERTS_STACK, resilienceViolations } from './alert-profile.ts';
import { renderAlertsHtml } from './alert-report-html.ts';
import { runDrillWithAlerts } from './alert-run.ts';
import { judgedInCalm, type AlertReport } from './alert-judge.ts';
import { runDrill, type DrillResult } from './drill.ts';
import { PROFILES } from './profiles.ts';
import { renderHtml } from './report-html.ts';
import { startStack } from './stack.ts';
import { summarise } from './summary.ts';

/**
 * `npm run chaos [-- --profile short|full] [--out dir]`: starts two ai-core replicas behind fault
 * proxies and a backend, runs the drill, writes chaos-results.json and chaos-report.html.
 * `--alerts` also runs a real Prometheus and Alertmanager over the stack and checks, per phase,
 * which alerts fire (profile `alerts` unless another is named; it needs --pg).
 * Exit 0 when every goal is met, 1 when one is not (named), 2 on bad usage.
 */
const profiles = { ...PROFILES, [ALERTS_PROFILE.name]: ALERTS_PROFILE };

async function main(): Promise<number> {
  let values: { profile?: string; out?: string; pg?: string; alerts?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        profile: { type: 'string' },
        out: { type: 'string' },
        pg: { type: 'string' },
        alerts: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(
      `${(err as Error).message}\nusage: chaos-cli.ts [--profile ${Object.keys(profiles).join('|')}] [--out <dir>] [--pg <postgres url>] [--alerts]`,
    );
    return 2;
  }
  const profile = profiles[values.profile ?? (values.alerts ? ALERTS_PROFILE.name : 'full')];
  if (!profile) {
    console.error(`--profile must be one of ${Object.keys(profiles).join(', ')} (got ${values.profile})`);
    return 2;
  }
  if (!values.pg && profile.steps.some((s) => s.kind === 'db-proxy')) {
    console.error(`profile ${profile.name} injects database faults: give --pg <postgres url>`);
    return 2;
  }
  const out = path.resolve(values.out ?? 'reports/chaos');
  const stack = await startStack({
    ...(values.pg ? { pgUrl: values.pg } : {}),
    ...(profile === ALERTS_PROFILE ? ALERTS_STACK : {}),
  });
  try {
    let result: DrillResult;
    let alerts: AlertReport | undefined;
    if (values.alerts) ({ result, alerts } = await runDrillWithAlerts(stack, profile));
    else result = await runDrill(stack, profile);
    const summary = summarise(result);
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(
      path.join(out, 'chaos-results.json'),
      `${JSON.stringify({ summary, phases: result.phases, lost: result.lost, profile: result.profile, startedAt: result.startedAt, ...(alerts ? { alerts } : {}) }, null, 2)}\n`,
    );
    fs.writeFileSync(
      path.join(out, 'chaos-report.html'),
      renderHtml(result, summary, alerts ? renderAlertsHtml(alerts) : ''),
    );
    console.log(
      `chaos drill ${profile.name}: success ${(summary.success_rate * 100).toFixed(2)} % of ${summary.requests}, ${summary.five_hundreds} 500s, ${summary.lost_writes} of ${summary.acknowledged_writes} acknowledged writes lost, slowest recovery ${summary.max_recovery_ms} ms`,
    );
    result.phases.forEach((p, i) => {
      const b = summary.by_phase[i]!;
      const failed =
        b.failed === 0 ? '' : `, ${b.failed} of ${b.requests} started failed ${JSON.stringify(b.failed_statuses)}`;
      if (p.kind !== 'calm' || failed)
        console.log(
          `  ${p.name}${p.kind === 'calm' ? '' : `: recovered in ${p.recoveryMs ?? 'never'} ms`}${p.restartMs === undefined ? '' : ` (restart ${p.restartMs} ms)`}${failed}`,
        );
    });
    if (alerts)
      for (const p of alerts.phases)
        for (const a of p.started.filter((x) => x.expected || judgedInCalm(x.alertname, x.labels)))
          console.log(
            `  alert in ${p.phase} (${p.role}): ${a.alertname}${a.expected ? ' (expected)' : ''} ${JSON.stringify(a.labels)} pending +${a.pending_after_ms} ms, firing +${a.firing_after_ms ?? '-'} ms, ${a.inhibited && a.notified_after_ms === null ? 'inhibited' : `notified +${a.notified_after_ms ?? '-'} ms`}`,
          );
    console.log(`results: ${path.join(out, 'chaos-results.json')}, report: ${path.join(out, 'chaos-report.html')}`);
    const violations = [...resilienceViolations(profile, summary), ...(alerts?.violations ?? [])];
    for (const v of violations) console.error(`goal missed: ${v}`);
    return violations.length === 0 ? 0 : 1;
  } finally {
    await stack.close();
  }
}

process.exitCode = await main();

import { E2E_TIME } from '@ethixai/slo/testing/alerting-stack';
import { judgeAlerts, judgedInCalm, type AlertReport } from './alert-judge.ts';
import { AlertWatch } from './alert-watch.ts';
import { runDrill, type DrillResult } from './drill.ts';
import type { Profile } from './profiles.ts';
import type { Stack } from './stack.ts';

export const ALERT_SETUP = `Prometheus and Alertmanager as processes; the rules generated from ops/slo with every window and for: compressed ${1 / E2E_TIME.factor}x (as in e2e/test/alerting.e2e.test.ts), scrape and evaluation every 1 s, group_wait 1 s; every receiver posts to a local capture server`;

/** Runs the drill with a real Prometheus and Alertmanager watching the stack, and judges the alerts per phase. */
export async function runDrillWithAlerts(
  stack: Stack,
  profile: Profile,
): Promise<{ result: DrillResult; alerts: AlertReport }> {
  const watch = await AlertWatch.start(stack);
  try {
    await watch.waitForTargets();
    await watch.waitForQuiet(judgedInCalm);
    watch.begin();
    const result = await runDrill(stack, profile);
    const observed = await watch.end();
    return { result, alerts: judgeAlerts(profile.steps, result, observed, stack.aiCores.length, ALERT_SETUP) };
  } finally {
    await watch.close();
  }
}

import { JOB_AI_CORE, JOB_BACKEND } from '@ethixai/observability/names';
import { INCIDENTS_RECEIVER, ruleFiles } from '@ethixai/slo';
import type { HealthCheckOptions } from './options.ts';

export interface CheckResult {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

type Fetch = (url: string) => Promise<{ status: number; body: string }>;

export function fetcher(timeoutMs: number): Fetch {
  return async (url) => {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    return { status: res.status, body: await res.text() };
  };
}

/** One check; a thrown error (refused, timed out, bad JSON) is its failure, never the tool's. */
async function attempt(check: string, body: () => Promise<{ ok: boolean; detail: string }>): Promise<CheckResult> {
  try {
    return { check, ...(await body()) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { check, ok: false, detail: cause ?? (error as Error).message };
  }
}

function statusCheck(get: Fetch, check: string, url: string): Promise<CheckResult> {
  return attempt(check, async () => {
    const res = await get(url);
    return { ok: res.status === 200, detail: `HTTP ${res.status}` };
  });
}

interface Target {
  labels: Record<string, string>;
  health: string;
  lastError: string;
}
interface RuleGroupState {
  name: string;
  rules: { name: string; health: string; lastError?: string }[];
}

function targetsCheck(get: Fetch, base: string): Promise<CheckResult> {
  return attempt('prometheus targets', async () => {
    const data = JSON.parse((await get(`${base}/api/v1/targets?state=active`)).body).data as {
      activeTargets: Target[];
    };
    const down = data.activeTargets.filter((t) => t.health !== 'up');
    const jobs = new Set(data.activeTargets.map((t) => t.labels.job));
    const missing = [JOB_BACKEND, JOB_AI_CORE].filter((job) => !jobs.has(job));
    const problems = [
      ...down.map((t) => `${t.labels.job} ${t.labels.instance} ${t.health}${t.lastError ? `: ${t.lastError}` : ''}`),
      ...missing.map((job) => `no target for job ${job}`),
    ];
    return {
      ok: problems.length === 0,
      detail: problems.length === 0 ? `${data.activeTargets.length} targets up` : problems.join('; '),
    };
  });
}

function rulesCheck(get: Fetch, base: string): Promise<CheckResult> {
  return attempt('prometheus rules', async () => {
    const groups = (JSON.parse((await get(`${base}/api/v1/rules`)).body).data as { groups: RuleGroupState[] }).groups;
    const expected = Object.values(ruleFiles()).flatMap((f) => f.groups.map((g) => g.name));
    const loaded = new Set(groups.map((g) => g.name));
    const missing = expected.filter((name) => !loaded.has(name));
    const failing = groups.flatMap((g) =>
      g.rules.filter((r) => r.health === 'err').map((r) => `${g.name}/${r.name}: ${r.lastError ?? 'error'}`),
    );
    const problems = [...missing.map((name) => `group ${name} not loaded`), ...failing];
    const rules = groups.reduce((n, g) => n + g.rules.length, 0);
    return {
      ok: problems.length === 0,
      detail: problems.length === 0 ? `${groups.length} groups, ${rules} rules, no errors` : problems.join('; '),
    };
  });
}

function notifierCheck(get: Fetch, base: string): Promise<CheckResult> {
  return attempt('prometheus -> alertmanager', async () => {
    const data = JSON.parse((await get(`${base}/api/v1/alertmanagers`)).body).data as {
      activeAlertmanagers: { url: string }[];
    };
    const n = data.activeAlertmanagers.length;
    return {
      ok: n > 0,
      detail: n > 0 ? data.activeAlertmanagers.map((a) => a.url).join(', ') : 'no Alertmanager discovered',
    };
  });
}

function alertmanagerConfigCheck(get: Fetch, base: string): Promise<CheckResult> {
  return attempt('alertmanager config', async () => {
    const res = await get(`${base}/api/v2/status`);
    const original = (JSON.parse(res.body) as { config?: { original?: string } }).config?.original ?? '';
    const ours = original.includes(INCIDENTS_RECEIVER);
    return {
      ok: res.status === 200 && ours,
      detail: ours
        ? 'loaded, incidents webhook receiver present'
        : `HTTP ${res.status}, ${original ? 'not the EthixAI configuration' : 'no configuration'}`,
    };
  });
}

/** Every check, run concurrently, in a fixed order for the table. */
export async function runChecks(o: HealthCheckOptions, get: Fetch = fetcher(o.timeoutMs)): Promise<CheckResult[]> {
  return Promise.all([
    statusCheck(get, 'backend /health', `${o.backendUrl}/health`),
    statusCheck(get, 'backend /ready', `${o.backendUrl}/ready`),
    statusCheck(get, 'ai-core /health', `${o.aiCoreUrl}/health`),
    statusCheck(get, 'ai-core /ready', `${o.aiCoreUrl}/ready`),
    statusCheck(get, 'prometheus /-/ready', `${o.prometheusUrl}/-/ready`),
    targetsCheck(get, o.prometheusUrl),
    rulesCheck(get, o.prometheusUrl),
    notifierCheck(get, o.prometheusUrl),
    statusCheck(get, 'alertmanager /-/ready', `${o.alertmanagerUrl}/-/ready`),
    alertmanagerConfigCheck(get, o.alertmanagerUrl),
  ]);
}

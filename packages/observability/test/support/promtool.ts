import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROMTOOL = '/usr/bin/promtool';
export const hasPromtool = existsSync(PROMTOOL);
if (!hasPromtool) console.warn(`SKIP: ${PROMTOOL} not installed; promtool checks of the exposition are skipped`);

/** prom-client's own runtime gauges that promtool flags ("non-counter metrics should not have _total"). */
export const PROM_CLIENT_ALLOWLIST = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** `promtool check metrics` on Prometheus text; returns the problems not on the allowlist. */
export function promtoolLint(text: string): { status: number | null; problems: string[] } {
  const run = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  const problems = `${run.stdout}${run.stderr}`
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => !PROM_CLIENT_ALLOWLIST.some((name) => line.startsWith(`${name} `)));
  return { status: run.status, problems };
}

/**
 * Feeds OpenMetrics text through Prometheus' own OpenMetrics parser (`promtool tsdb
 * create-blocks-from openmetrics`). Backfill needs sample timestamps, so one is added to each
 * sample line (before any exemplar) — the rest of the text is parsed as served.
 */
export function promtoolParseOpenMetrics(text: string): { status: number | null; output: string } {
  const stamped = text
    .split('\n')
    .map((line) => {
      if (line === '' || line.startsWith('#')) return line;
      const at = line.indexOf(' # ');
      return at === -1 ? `${line} 1700000000` : `${line.slice(0, at)} 1700000000${line.slice(at)}`;
    })
    .join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'obs-om-'));
  try {
    writeFileSync(join(dir, 'scrape.om'), stamped);
    const run = spawnSync(
      PROMTOOL,
      ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'scrape.om'), join(dir, 'blocks')],
      { encoding: 'utf8' },
    );
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

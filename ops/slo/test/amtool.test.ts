import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedReceivers, ROUTING_MATRIX } from '../src/alertmanager-config.ts';
import { ALERTMANAGER_DIR } from '../src/artefacts.ts';
import { binariesAvailable, run } from '../src/testing/binaries.ts';

const CONFIG = path.join(ALERTMANAGER_DIR, 'alertmanager.yml');
const available = binariesAvailable('amtool checks of ops/alertmanager', ['amtool']);

describe.runIf(available)('amtool', () => {
  it('check-config accepts alertmanager.yml and its templates', async () => {
    const result = await run('amtool', ['check-config', CONFIG]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/SUCCESS/);
    expect(result.output).toMatch(/- 1 templates/);
    expect(result.output).toMatch(/- 2 inhibit rules/);
  });

  it.each(ROUTING_MATRIX.map((r) => [r.severity, r.team]))(
    'a %s alert of team %s reaches the incidents webhook and its team',
    async (severity, team) => {
      const receivers = expectedReceivers(team, severity).join(',');
      const result = await run('amtool', [
        'config',
        'routes',
        'test',
        `--config.file=${CONFIG}`,
        `--verify.receivers=${receivers}`,
        'alertname=Any',
        `severity=${severity}`,
        `team=${team}`,
      ]);
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain(receivers);
    },
  );

  it('an alert without a known team still reaches someone (platform)', async () => {
    const result = await run('amtool', [
      'config',
      'routes',
      'test',
      `--config.file=${CONFIG}`,
      '--verify.receivers=incidents-webhook,platform-page',
      'alertname=Any',
      'severity=critical',
      'team=nobody',
    ]);
    expect(result.code, result.output).toBe(0);
  });

  it('a wrong expectation fails (the verification is not vacuous)', async () => {
    const result = await run('amtool', [
      'config',
      'routes',
      'test',
      `--config.file=${CONFIG}`,
      '--verify.receivers=incidents-webhook,analysis-page',
      'alertname=Any',
      'severity=warning',
      'team=analysis',
    ]);
    expect(result.code).not.toBe(0);
  });

  it('the templates render the title, the Slack text and the values', async () => {
    for (const name of [
      'ethixai.title',
      'ethixai.slack.text',
      'ethixai.values',
      'ethixai.link',
      'ethixai.slack.color',
    ]) {
      const result = await run('amtool', [
        'template',
        'render',
        `--template.glob=${path.join(ALERTMANAGER_DIR, 'templates', '*.tmpl')}`,
        `--template.text={{ template "${name}" . }}`,
      ]);
      expect(result.code, `${name}: ${result.output}`).toBe(0);
    }
  });
});

import fs from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { JOB_AI_CORE, JOB_BACKEND } from '@ethixai/observability/names';
import {
  ALERTMANAGER_DIR,
  INCIDENTS_TOKEN_FILE,
  JOB_ALERTMANAGER,
  JOB_PROMETHEUS,
  JOB_STRESS,
  PRODUCTION_ALERTMANAGER,
  TEAMS,
  alertmanagerConfig,
  pagerDutyKeyFile,
  prometheusConfig,
  renderYaml,
  ruleFiles,
  slackUrlFile,
  timeScale,
  type Team,
} from '../index.ts';
import { MonitoringProcess } from './monitoring-process.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The end-to-end variant compresses time 60x: minutes of the spec become seconds. */
export const E2E_TIME = timeScale(1 / 60);

export interface AlertingStackOptions {
  readonly backendUrl: string;
  readonly aiCoreUrl: string;
  /** Further instances Prometheus scrapes as jobs `backend` and `ai_core` (replicas). */
  readonly extraBackendUrls?: readonly string[];
  readonly extraAiCoreUrls?: readonly string[];
  /** Where Alertmanager posts its incidents webhook; the backend's /v1/alerts/webhook unless given. */
  readonly incidentsWebhookUrl?: string;
  /** Slack and PagerDuty endpoints (the capture server). */
  readonly captureUrl: string;
  readonly incidentsWebhookToken: string;
  /** The services' scrape credential (their METRICS_TOKEN_FILE), given to Prometheus as its credentials_file. */
  readonly metricsToken: string;
  /** host:port of a stress run's live metrics (`--metrics-port`), scraped as the `stress` job. */
  readonly stressTarget?: string;
}

export const pagerDutyKey = (team: Team): string => `routing-key-${team}`;

/**
 * Prometheus and Alertmanager configured from the same specification as production, with the
 * rules' windows and for: durations compressed (E2E_TIME), 1s scrape and evaluation, 1s group
 * waits, Slack and PagerDuty pointed at the capture server and the incidents webhook at the real
 * backend. Everything lives in one temporary directory, removed by destroy().
 */
export class AlertingStack {
  readonly dir: string;
  prometheus!: MonitoringProcess;
  alertmanager!: MonitoringProcess;

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async start(o: AlertingStackOptions): Promise<AlertingStack> {
    const stack = new AlertingStack(fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-alerting-')));
    try {
      const [promPort, amPort] = [await freePort(), await freePort()];
      stack.writeConfigs(o, promPort, amPort);
      const d = stack.dir;
      stack.alertmanager = new MonitoringProcess(
        'alertmanager',
        'prometheus-alertmanager',
        [
          `--config.file=${d}/alertmanager/alertmanager.yml`,
          `--storage.path=${d}/alertmanager-data`,
          `--web.listen-address=127.0.0.1:${amPort}`,
          `--web.external-url=http://127.0.0.1:${amPort}`,
          '--cluster.listen-address=',
          '--log.level=warn',
        ],
        amPort,
      );
      stack.prometheus = new MonitoringProcess(
        'prometheus',
        'prometheus',
        [
          `--config.file=${d}/prometheus/prometheus.yml`,
          `--storage.tsdb.path=${d}/prometheus-data`,
          `--web.listen-address=127.0.0.1:${promPort}`,
          `--web.external-url=http://127.0.0.1:${promPort}`,
          '--log.level=warn',
        ],
        promPort,
      );
      await Promise.all([stack.alertmanager.waitReady(), stack.prometheus.waitReady()]);
      return stack;
    } catch (error) {
      await stack.destroy();
      throw error;
    }
  }

  private writeConfigs(o: AlertingStackOptions, promPort: number, amPort: number): void {
    const secrets = path.join(this.dir, 'secrets');
    fs.mkdirSync(secrets, { mode: 0o700 });
    const secret = (name: string, value: string) =>
      fs.writeFileSync(path.join(secrets, name), `${value}\n`, { mode: 0o600 });
    for (const team of TEAMS) {
      secret(slackUrlFile(team), `${o.captureUrl}/slack/${team}`);
      secret(pagerDutyKeyFile(team), pagerDutyKey(team));
    }
    secret(INCIDENTS_TOKEN_FILE, o.incidentsWebhookToken);
    secret('metrics-token', o.metricsToken);

    const promDir = path.join(this.dir, 'prometheus');
    fs.mkdirSync(path.join(promDir, 'rules'), { recursive: true });
    for (const [name, file] of Object.entries(ruleFiles(E2E_TIME)))
      fs.writeFileSync(path.join(promDir, 'rules', name), renderYaml(file));
    const host = (url: string) => new URL(url).host;
    fs.writeFileSync(
      path.join(promDir, 'prometheus.yml'),
      renderYaml(
        prometheusConfig({
          scrapeInterval: '1s',
          scrapeTimeout: '1s',
          evaluationInterval: '1s',
          targets: {
            [JOB_BACKEND]: [o.backendUrl, ...(o.extraBackendUrls ?? [])].map(host),
            [JOB_AI_CORE]: [o.aiCoreUrl, ...(o.extraAiCoreUrls ?? [])].map(host),
            [JOB_ALERTMANAGER]: [`127.0.0.1:${amPort}`],
            [JOB_PROMETHEUS]: [`127.0.0.1:${promPort}`],
            ...(o.stressTarget ? { [JOB_STRESS]: [o.stressTarget] } : {}),
          },
          alertmanagers: [`127.0.0.1:${amPort}`],
          metricsCredentialsFile: path.join(secrets, 'metrics-token'),
          ruleFiles: ['rules/*.yml'],
        }),
      ),
    );

    const amDir = path.join(this.dir, 'alertmanager');
    fs.cpSync(path.join(ALERTMANAGER_DIR, 'templates'), path.join(amDir, 'templates'), { recursive: true });
    fs.writeFileSync(
      path.join(amDir, 'alertmanager.yml'),
      renderYaml(
        alertmanagerConfig({
          ...PRODUCTION_ALERTMANAGER,
          secretsDir: secrets,
          incidentsWebhookUrl: o.incidentsWebhookUrl ?? `${o.backendUrl}/v1/alerts/webhook`,
          pagerDutyUrl: `${o.captureUrl}/pagerduty`,
          groupWaitCritical: '1s',
          groupWaitWarning: '1s',
          groupInterval: '1s',
        }),
      ),
    );
  }

  async destroy(): Promise<void> {
    await Promise.all([this.prometheus?.stop(), this.alertmanager?.stop()]);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

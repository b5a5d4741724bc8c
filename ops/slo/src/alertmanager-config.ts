import { BURN_ALERT } from './records.ts';
import { INTERVALS, SEVERITIES, TEAM_SPECS, type Severity, type Team, type TeamSpec } from './spec.ts';

export const INCIDENTS_RECEIVER = 'incidents-webhook';
/** Where an alert without a known team lands, so nothing is ever routed nowhere. */
export const FALLBACK_TEAM: Team = 'platform';
export const GROUP_BY = ['alertname', 'service', 'slo'];

export const receiverName = (team: Team, severity: Severity): string =>
  `${team}-${severity === 'critical' ? 'page' : 'slack'}`;

/** The receivers an alert of this team and severity reaches (amtool's --verify.receivers order). */
export function expectedReceivers(team: Team, severity: Severity): string[] {
  return [INCIDENTS_RECEIVER, receiverName(team, severity)];
}

export interface AlertmanagerOptions {
  /** Directory of the secret files (Slack webhook URLs, PagerDuty routing keys, webhook token). */
  readonly secretsDir: string;
  /** The backend's POST /v1/alerts/webhook. */
  readonly incidentsWebhookUrl: string;
  readonly pagerDutyUrl: string;
  readonly groupWaitCritical: string;
  readonly groupWaitWarning: string;
  readonly groupInterval: string;
  readonly repeatCritical: string;
  readonly repeatWarning: string;
}

export const PRODUCTION_ALERTMANAGER: AlertmanagerOptions = {
  secretsDir: '/etc/alertmanager/secrets',
  incidentsWebhookUrl: 'http://backend:5000/v1/alerts/webhook',
  pagerDutyUrl: 'https://events.pagerduty.com/v2/enqueue',
  groupWaitCritical: INTERVALS.groupWaitCritical,
  groupWaitWarning: INTERVALS.groupWaitWarning,
  groupInterval: INTERVALS.groupInterval,
  repeatCritical: INTERVALS.repeatCritical,
  repeatWarning: INTERVALS.repeatWarning,
};

export const slackUrlFile = (team: Team) => `slack-${team}.url`;
export const pagerDutyKeyFile = (team: Team) => `pagerduty-${team}.key`;
export const INCIDENTS_TOKEN_FILE = 'incidents-webhook-token';

function slack(o: AlertmanagerOptions, t: TeamSpec) {
  return {
    api_url_file: `${o.secretsDir}/${slackUrlFile(t.team)}`,
    channel: t.slackChannel,
    send_resolved: true,
    title: '{{ template "ethixai.title" . }}',
    title_link: '{{ template "ethixai.link" . }}',
    text: '{{ template "ethixai.slack.text" . }}',
    color: '{{ template "ethixai.slack.color" . }}',
  };
}

function pagerDuty(o: AlertmanagerOptions, t: TeamSpec) {
  return {
    routing_key_file: `${o.secretsDir}/${pagerDutyKeyFile(t.team)}`,
    url: o.pagerDutyUrl,
    send_resolved: true,
    severity: 'critical',
    description: '{{ template "ethixai.title" . }}',
    client: 'EthixAI Alertmanager',
    client_url: '{{ template "ethixai.link" . }}',
    details: {
      summary: '{{ .CommonAnnotations.summary }}',
      description: '{{ .CommonAnnotations.description }}',
      value: '{{ template "ethixai.values" . }}',
      runbook: '{{ .CommonAnnotations.runbook_url }}',
      team: t.team,
      firing: '{{ .Alerts.Firing | len }}',
    },
    links: [{ href: '{{ .CommonAnnotations.runbook_url }}', text: 'Runbook' }],
  };
}

function teamRoute(o: AlertmanagerOptions, t: TeamSpec) {
  const matchTeam = t.team === FALLBACK_TEAM ? [] : [`team="${t.team}"`];
  return {
    receiver: receiverName(t.team, 'warning'),
    ...(matchTeam.length > 0 ? { matchers: matchTeam } : {}),
    routes: [
      {
        receiver: receiverName(t.team, 'critical'),
        matchers: ['severity="critical"'],
        group_wait: o.groupWaitCritical,
        repeat_interval: o.repeatCritical,
      },
    ],
  };
}

/** Targets a down service silences: its own symptoms, which say nothing more than "it is down". */
const SILENCED_BY_SERVICE_DOWN = [
  'InstanceDown',
  'HighErrorRate',
  'HighLatencyP95',
  BURN_ALERT,
  'MemoryLeakSuspected',
  'DependencyDown',
  'CircuitOpen',
];

export function alertmanagerConfig(o: AlertmanagerOptions = PRODUCTION_ALERTMANAGER): unknown {
  const teams = [...TEAM_SPECS].sort((a, b) => Number(a.team === FALLBACK_TEAM) - Number(b.team === FALLBACK_TEAM));
  return {
    templates: ['templates/*.tmpl'],
    route: {
      receiver: receiverName(FALLBACK_TEAM, 'warning'),
      group_by: GROUP_BY,
      group_wait: o.groupWaitWarning,
      group_interval: o.groupInterval,
      repeat_interval: o.repeatWarning,
      routes: [
        // Every alert opens (and later resolves) an incident in the backend, then goes on to its team.
        { receiver: INCIDENTS_RECEIVER, continue: true, group_wait: o.groupWaitCritical },
        ...teams.map((t) => teamRoute(o, t)),
      ],
    },
    inhibit_rules: [
      {
        source_matchers: ['alertname="ServiceDown"'],
        target_matchers: [`alertname=~"${SILENCED_BY_SERVICE_DOWN.join('|')}"`],
        equal: ['service'],
      },
      // A page on a budget silences the ticket and the threshold warning of the same SLO.
      {
        source_matchers: [`alertname="${BURN_ALERT}"`, 'severity="critical"'],
        target_matchers: ['severity="warning"', `alertname=~"${BURN_ALERT}|HighErrorRate|HighLatencyP95"`],
        equal: ['service', 'slo'],
      },
    ],
    receivers: [
      {
        name: INCIDENTS_RECEIVER,
        webhook_configs: [
          {
            url: o.incidentsWebhookUrl,
            send_resolved: true,
            max_alerts: 0,
            // Alertmanager 0.25 cannot set custom headers; the backend takes this bearer token.
            http_config: {
              authorization: { type: 'Bearer', credentials_file: `${o.secretsDir}/${INCIDENTS_TOKEN_FILE}` },
            },
          },
        ],
      },
      ...TEAM_SPECS.flatMap((t) => [
        { name: receiverName(t.team, 'critical'), pagerduty_configs: [pagerDuty(o, t)], slack_configs: [slack(o, t)] },
        { name: receiverName(t.team, 'warning'), slack_configs: [slack(o, t)] },
      ]),
    ],
  };
}

export const ROUTING_MATRIX: readonly { team: Team; severity: Severity }[] = TEAM_SPECS.flatMap((t) =>
  SEVERITIES.map((severity) => ({ team: t.team, severity })),
);

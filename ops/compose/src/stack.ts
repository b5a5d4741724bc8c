/**
 * `npm run stack`: makes the compose stack's secrets if they are missing, then prints how to
 * start it and what each URL shows. It starts nothing itself (there may be no Docker engine here).
 */
import path from 'node:path';
import {
  COMPOSE_FILE,
  DEFAULT_SECRETS_DIR,
  OPERATOR_SUPPLIED,
  REPO_ROOT,
  ensureStackSecrets,
} from './stack-secrets.ts';

const dir = process.env.ETHIXAI_SECRETS_DIR ? path.resolve(process.env.ETHIXAI_SECRETS_DIR) : DEFAULT_SECRETS_DIR;
const written = ensureStackSecrets(dir);
const rel = (p: string) => {
  const relative = path.relative(REPO_ROOT, p);
  return relative.startsWith('..') ? p : relative || '.';
};
const compose = `docker compose -p ethixai -f ${rel(COMPOSE_FILE)}`;

process.stdout.write(`EthixAI full stack (ops/compose/docker-compose.yml)

Secrets: ${rel(dir)}/ (${written.length === 0 ? 'all present, none changed' : `${written.length} file(s) created`}).
  Replace these before alerts can reach anyone: ${OPERATOR_SUPPLIED.map((f) => `${rel(dir)}/${f}`).join(', ')}

Start:      ${compose} up -d --build
First admin (once): ${compose} exec -T backend node services/backend/src/cli.ts create-admin --email you@example.org --org "Your org" \\
              --admin-password-file /dev/stdin < ${rel(dir)}/admin-password
Incidents:  INCIDENTS_ORG_ID=<the organisation id create-admin printed> ${compose} up -d backend   (Alertmanager's webhook is off until then)
Status:     ${compose} ps          Logs: ${compose} logs -f backend
Stop:       ${compose} down        (add -v to delete the data volumes)

  http://127.0.0.1:5000    backend API (OpenAPI docs at /docs)
  http://127.0.0.1:8100    ai-core (called by the backend with its token)
  http://127.0.0.1:3000    Grafana: the EthixAI dashboards (user admin, password in ${rel(dir)}/grafana-admin-password)
  http://127.0.0.1:9090    Prometheus: targets, rules, alerts, ad-hoc PromQL
  http://127.0.0.1:9093    Alertmanager: firing alerts, silences
  http://127.0.0.1:16686   Jaeger: stored traces (errors, requests slower than 100 ms, 10 % of the rest)
  http://127.0.0.1:3100    Loki API (browse logs in Grafana, Explore or the Logs dashboard)
  http://127.0.0.1:12345   Alloy: the log pipeline's components and their health
  http://127.0.0.1:4318    OpenTelemetry Collector, OTLP/HTTP in

Guide: docs/observability/SETUP.md
`);

/**
 * The compose stack, checked as far as this machine allows (no Docker engine): `docker-compose
 * config` validates and renders the file with secrets made by `npm run stack`, and the rendered
 * model is held to the rules the stack promises (health checks, limits, named volumes, loopback
 * ports, the generated Prometheus and Grafana files mounted where they are read).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { API_LATENCY_THRESHOLD, RETENTION, SERVICES } from '@ethixai/slo';
import { requireTool } from '@ethixai/slo/testing';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPOSE_FILE, REPO_ROOT, ensureStackSecrets } from '../src/stack-secrets.ts';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  restart?: string;
  healthcheck?: { test: string[] };
  deploy?: { resources?: { limits?: { cpus?: number | string; memory?: string } } };
  ports?: (string | { host_ip?: string; published?: number | string })[];
  volumes?: (string | { type: string; source: string; target: string })[];
  environment?: Record<string, string>;
  logging?: unknown;
  depends_on?: Record<string, { condition: string }>;
  secrets?: (string | { source: string; target?: string })[];
}
interface Rendered {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
  secrets?: Record<string, { file: string }>;
}

/** Images whose containers have no HTTP client to probe with; their health is watched otherwise. */
const NO_HEALTHCHECK: Record<string, string> = {
  backend: 'HEALTHCHECK is in its Dockerfile',
  'ai-core': 'HEALTHCHECK is in its Dockerfile',
  alloy: 'the image has no HTTP client; its UI on :12345 shows component health',
  'otel-collector':
    'distroless image (no shell or client); the health_check extension answers on :13133 for an orchestrator',
};

const secrets = fs.mkdtempSync(path.join(os.tmpdir(), 'ethixai-compose-'));
let rendered: Rendered;
let composeBin = '';
const config = (env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      composeBin,
      ['-f', COMPOSE_FILE, 'config'],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
      },
    );
  });

beforeAll(async () => {
  composeBin = requireTool('docker-compose', 'Debian package docker-compose');
  ensureStackSecrets(secrets);
  const result = await config({ ETHIXAI_SECRETS_DIR: secrets });
  expect(result.code, result.stderr).toBe(0);
  rendered = parseYaml(result.stdout) as Rendered;
}, 60_000);
afterAll(() => fs.rmSync(secrets, { recursive: true, force: true }));

const mounts = (s: Service) =>
  (s.volumes ?? []).map((v) => (typeof v === 'string' ? { source: v.split(':')[0]!, target: v.split(':')[1]! } : v));

describe('ops/compose/docker-compose.yml (docker-compose config)', () => {
  it('has the whole stack', () => {
    expect(Object.keys(rendered.services).sort()).toEqual([
      'ai-core',
      'alertmanager',
      'alloy',
      'backend',
      'grafana',
      'jaeger',
      'loki',
      'otel-collector',
      'postgres',
      'prometheus',
    ]);
  });

  it('fails to render without the secrets npm run stack makes', async () => {
    const result = await config({ ETHIXAI_SECRETS_DIR: path.join(secrets, 'absent') });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/backend\.env|ai-core\.env/);
  });

  it('gives every service a restart policy, CPU and memory limits, rotated logs, and a health check or the reason it has none', () => {
    for (const [name, s] of Object.entries(rendered.services)) {
      expect(s.restart, name).toBe('unless-stopped');
      expect(s.deploy?.resources?.limits?.cpus, name).toBeDefined();
      expect(s.deploy?.resources?.limits?.memory, name).toMatch(/^\d+[MG]$/);
      expect(s.logging, name).toBeDefined();
      if (!(name in NO_HEALTHCHECK)) expect(s.healthcheck?.test, name).toBeDefined();
    }
  });

  it('pins every image to a version and publishes ports on 127.0.0.1 only', () => {
    for (const [name, s] of Object.entries(rendered.services)) {
      // Built images are tagged with the release version (ETHIXAI_VERSION); their base is pinned in the Dockerfile.
      if (s.build === undefined) expect(s.image, name).toMatch(/:v?\d+\.\d+[\w.-]*$/);
      for (const p of s.ports ?? []) expect(typeof p === 'string' ? p : p.host_ip, name).toMatch(/^127\.0\.0\.1/);
    }
  });

  it('keeps state in named volumes, and every repository file it mounts exists', () => {
    const named = new Set(Object.keys(rendered.volumes));
    const used = new Set<string>();
    for (const [name, s] of Object.entries(rendered.services)) {
      for (const m of mounts(s)) {
        if (!m.source.startsWith('/')) {
          used.add(m.source);
          continue;
        }
        if (m.source.startsWith(REPO_ROOT)) expect(fs.existsSync(m.source), `${name}: ${m.source}`).toBe(true);
      }
    }
    for (const v of used) expect(named.has(v), v).toBe(true);
    expect([...named].sort()).toEqual([...used].sort());
  });

  it('runs Prometheus on the generated config and rules, with the scrape credential and the specified retention', () => {
    const prom = rendered.services.prometheus!;
    expect(prom.command).toEqual(
      expect.arrayContaining([
        `--storage.tsdb.retention.time=${RETENTION.time}`,
        `--storage.tsdb.retention.size=${RETENTION.size}`,
        '--enable-feature=exemplar-storage',
      ]),
    );
    const targets = Object.fromEntries(mounts(prom).map((m) => [m.target, m.source]));
    expect(targets['/etc/prometheus/prometheus.yml']).toBe(path.join(REPO_ROOT, 'ops/prometheus/prometheus.yml'));
    expect(targets['/etc/prometheus/rules']).toBe(path.join(REPO_ROOT, 'ops/prometheus/rules'));
    const generated = parseYaml(fs.readFileSync(path.join(REPO_ROOT, 'ops/prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: {
        job_name: string;
        authorization?: { credentials_file: string };
        static_configs: { targets: string[] }[];
      }[];
    };
    for (const service of SERVICES) {
      const job = generated.scrape_configs.find((j) => j.job_name === service.job)!;
      expect(`/etc/prometheus/${job.authorization!.credentials_file}`).toBe('/etc/prometheus/secrets/metrics-token');
      expect(targets['/etc/prometheus/secrets/metrics-token']).toBe(path.join(secrets, 'metrics-token'));
      // The scrape target is this compose file's service of that name, on the port it listens on.
      const [host, port] = service.target.split(':');
      expect(rendered.services[host!]?.environment?.PORT, service.target).toBe(port);
    }
  });

  it('gives the services their secrets from files, the metrics credential, and the collector as trace endpoint', () => {
    for (const name of ['backend', 'ai-core']) {
      const s = rendered.services[name]!;
      expect(s.environment).toMatchObject({
        ETHIXAI_PROFILE: 'production',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
        OTEL_TRACES_SAMPLER_RATIO: '1',
      });
      expect(mounts(s).some((m) => m.target === '/run/secrets/metrics-token')).toBe(true);
    }
    expect(rendered.services.backend!.environment!.JWT_SIGNING_KEYS).toMatch(/^\[\{"kty":"OKP"/);
    expect(rendered.services.backend!.environment!.AI_CORE_TOKEN).toBe(
      rendered.services['ai-core']!.environment!.AI_CORE_TOKEN,
    );
    expect(rendered.services['ai-core']!.environment!.JWT_SIGNING_KEYS).toBeUndefined();
  });

  it('gives the backend the audit key files as compose secrets and its checkpoint directory on a named volume', () => {
    const backend = rendered.services.backend!;
    expect(backend.environment).toMatchObject({
      AUDIT_HMAC_KEYS_FILE: '/run/secrets/audit-hmac-keys',
      AUDIT_SIGNING_KEYS_FILE: '/run/secrets/audit-signing-keys',
      AUDIT_CHECKPOINT_DIR: '/var/lib/ethixai/audit-checkpoints',
    });
    // A file-based compose secret is mounted at /run/secrets/<name> unless it names another target.
    const mounted = (backend.secrets ?? [])
      .map((x) => (typeof x === 'string' ? { source: x } : x))
      .map((x) => `/run/secrets/${x.target ?? x.source}`);
    expect(mounted.sort()).toEqual([
      backend.environment!.AUDIT_HMAC_KEYS_FILE,
      backend.environment!.AUDIT_SIGNING_KEYS_FILE,
    ]);
    const files = rendered.secrets ?? {};
    expect(files['audit-hmac-keys']?.file).toBe(path.join(secrets, 'audit-hmac-keys.json'));
    expect(files['audit-signing-keys']?.file).toBe(path.join(secrets, 'audit-signing-keys.json'));
    const checkpoints = mounts(backend).find((m) => m.target === backend.environment!.AUDIT_CHECKPOINT_DIR);
    expect(checkpoints?.source).toBe('audit-checkpoints');
    expect(Object.keys(rendered.volumes)).toContain('audit-checkpoints');
    // No other service holds the keys.
    for (const [name, s] of Object.entries(rendered.services))
      if (name !== 'backend') expect(s.secrets, name).toBeUndefined();
  });

  it("makes the audit key files as the backend's CLI does: JSON arrays of one HMAC key and one Ed25519 private key", () => {
    const hmac = JSON.parse(fs.readFileSync(path.join(secrets, 'audit-hmac-keys.json'), 'utf8')) as {
      kty: string;
      kid: string;
      k: string;
    }[];
    expect(hmac).toEqual([{ kty: 'oct', kid: expect.stringMatching(/^audit-hmac-/), k: expect.any(String) }]);
    expect(Buffer.from(hmac[0]!.k, 'base64url').length).toBeGreaterThanOrEqual(32);
    const signing = JSON.parse(fs.readFileSync(path.join(secrets, 'audit-signing-keys.json'), 'utf8')) as Record<
      string,
      string
    >[];
    expect(signing).toEqual([
      expect.objectContaining({
        kty: 'OKP',
        crv: 'Ed25519',
        kid: expect.stringMatching(/^audit-sign-/),
        x: expect.any(String),
        d: expect.any(String),
      }),
    ]);
  });

  it("mounts the provisioning and the generated dashboards where Grafana's provider reads them", () => {
    const grafana = Object.fromEntries(mounts(rendered.services.grafana!).map((m) => [m.target, m.source]));
    expect(grafana['/etc/grafana/provisioning']).toBe(path.join(REPO_ROOT, 'ops/grafana/provisioning'));
    const provider = parseYaml(
      fs.readFileSync(path.join(REPO_ROOT, 'ops/grafana/provisioning/dashboards/dashboards.yml'), 'utf8'),
    ) as { providers: { options: { path: string } }[] };
    expect(grafana[provider.providers[0]!.options.path]).toBe(path.join(REPO_ROOT, 'ops/grafana/dashboards'));
  });

  it('tail-samples errors, requests slower than the API objective and a baseline', () => {
    const collector = parseYaml(fs.readFileSync(path.join(REPO_ROOT, 'ops/otel-collector/config.yml'), 'utf8')) as {
      processors: {
        tail_sampling: {
          policies: {
            type: string;
            latency?: { threshold_ms: number };
            status_code?: { status_codes: string[] };
            probabilistic?: { sampling_percentage: number };
          }[];
        };
      };
      service: { pipelines: { traces: { processors: string[] } } };
    };
    const policies = collector.processors.tail_sampling.policies;
    expect(policies.find((p) => p.type === 'status_code')?.status_code?.status_codes).toEqual(['ERROR']);
    expect(policies.find((p) => p.type === 'latency')?.latency?.threshold_ms).toBe(
      Number(API_LATENCY_THRESHOLD) * 1000,
    );
    expect(policies.find((p) => p.type === 'probabilistic')?.probabilistic?.sampling_percentage).toBeGreaterThan(0);
    expect(collector.service.pipelines.traces.processors).toContain('tail_sampling');
  });
});

describe('npm run stack', () => {
  it('makes the secrets once and prints how to start the stack and what each URL shows', async () => {
    const dir = path.join(secrets, 'second');
    const run = () =>
      new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          [path.join(REPO_ROOT, 'ops/compose/src/stack.ts')],
          { env: { ...process.env, ETHIXAI_SECRETS_DIR: dir }, timeout: 30_000 },
          (e, out) => (e ? reject(e) : resolve(out)),
        ),
      );
    const once = await run();
    expect(once).toMatch(/16 file\(s\) created/);
    expect(once).toContain('docker compose -p ethixai -f ops/compose/docker-compose.yml up -d --build');
    // Production never prints a password: the first admin's is read from a secret file.
    expect(fs.readFileSync(path.join(dir, 'admin-password'), 'utf8')).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect(once).toContain('--admin-password-file /dev/stdin < ');
    for (const port of [5000, 8100, 3000, 9090, 9093, 16686, 3100, 12345, 4318])
      expect(once).toContain(`http://127.0.0.1:${port} `);
    expect(await run()).toContain('all present, none changed');
    expect((fs.statSync(dir).mode & 0o777).toString(8)).toBe('700');
  }, 60_000);
});

/**
 * Every overlay builds with `kubectl kustomize`, every object of the output validates against the
 * Kubernetes (and CRD: cert-manager, External Secrets, Prometheus Operator) JSON schemas of
 * kubernetes-models, and the manifests keep the promises of issue 21: probes, resources, HPA and
 * PDB per Deployment, no literal Secret, scraping with the metrics credential, only the backend
 * reaching ai-core and the database, TLS with HSTS, the migration Job and the backup CronJob.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JOB_AI_CORE, JOB_BACKEND } from '@ethixai/observability/names';
import { requireTool, runTool } from '@ethixai/slo/testing';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const K8S_DIR = path.resolve(import.meta.dirname, '..');
const OVERLAYS = ['staging', 'production'] as const;

/** apiVersion → the kubernetes-models module holding its kinds. */
const MODEL_MODULES: Record<string, string> = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'batch/v1': 'kubernetes-models/batch/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'policy/v1': 'kubernetes-models/policy/v1',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'cert-manager.io/v1': '@kubernetes-models/cert-manager/cert-manager.io/v1',
  'external-secrets.io/v1': '@kubernetes-models/external-secrets/external-secrets.io/v1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
};

async function validate(obj: Obj): Promise<void> {
  const module = MODEL_MODULES[obj.apiVersion];
  if (module === undefined)
    throw new Error(`${obj.kind}/${obj.metadata.name}: no schema for apiVersion ${obj.apiVersion}`);
  const Model = ((await import(module)) as Record<string, new (o: unknown) => { validate(): void }>)[obj.kind];
  if (Model === undefined) throw new Error(`${obj.kind}/${obj.metadata.name}: ${module} has no kind ${obj.kind}`);
  new Model(obj).validate();
}

async function build(overlay: string): Promise<Obj[]> {
  const kubectl = requireTool('kubectl', 'kubectl comes with the machine image (it bundles kustomize)');
  const result = await runTool(kubectl, ['kustomize', path.join(K8S_DIR, 'overlays', overlay)]);
  if (result.code !== 0) throw new Error(`kubectl kustomize ${overlay} failed:\n${result.output}`);
  return parseAllDocuments(result.output).map((d) => d.toJS() as Obj);
}

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  let objects: Obj[] = [];
  const all = (kind: string) => objects.filter((o) => o.kind === kind);
  const one = (kind: string, name: string) => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (found === undefined) throw new Error(`${overlay}: no ${kind}/${name}`);
    return found;
  };
  const podTemplates = () => [
    ...all('Deployment').map((d) => ({ owner: `Deployment/${d.metadata.name}`, spec: d.spec.template })),
    ...all('Job').map((j) => ({ owner: `Job/${j.metadata.name}`, spec: j.spec.template })),
    ...all('CronJob').map((c) => ({ owner: `CronJob/${c.metadata.name}`, spec: c.spec.jobTemplate.spec.template })),
  ];

  beforeAll(async () => {
    objects = await build(overlay);
  }, 60_000);

  it('builds, and every object validates against its schema', async () => {
    expect(objects.length).toBeGreaterThan(25);
    for (const obj of objects) await validate(obj);
  });

  it("puts every namespaced object in the overlay's namespace and leaves no placeholder unreplaced", () => {
    const [ns] = all('Namespace');
    expect(ns!.metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
    for (const o of objects.filter((x) => x.kind !== 'Namespace'))
      expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(ns!.metadata.name);
    const text = JSON.stringify(objects);
    for (const placeholder of ['ENVIRONMENT', 'HOSTNAME', 'deploy-values']) expect(text).not.toContain(placeholder);
    for (const es of all('ExternalSecret'))
      for (const d of es.spec.data) expect(d.remoteRef.key).toMatch(new RegExp(`^ethixai/${overlay}/[a-z-]+$`));
  });

  it('gives every pod probes (Deployments), requests and limits, non-root and a read-only root, and pinned images', () => {
    for (const { owner, spec } of podTemplates()) {
      expect(spec.spec.securityContext.runAsNonRoot, owner).toBe(true);
      for (const c of spec.spec.containers) {
        expect(c.resources.requests, owner).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
        expect(c.resources.limits, owner).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
        expect(c.securityContext, owner).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(c.image, owner).toMatch(/:\d+\.\d+(\.\d+)?[\w.-]*$/);
        if (owner.startsWith('Deployment/')) {
          expect(c.livenessProbe.httpGet.path, owner).toBe('/health');
          expect(c.readinessProbe.httpGet.path, owner).toBe('/ready');
          expect(c.startupProbe, owner).toBeDefined();
        }
      }
    }
  });

  it('has an HPA and a PDB for each Deployment; ai-core scales out on CPU', () => {
    for (const d of all('Deployment')) {
      const hpa = all('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === d.metadata.name);
      expect(hpa, d.metadata.name).toBeDefined();
      expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(2);
      const pdb = all('PodDisruptionBudget').find(
        (p) => JSON.stringify(p.spec.selector.matchLabels) === JSON.stringify(d.spec.selector.matchLabels),
      );
      expect(pdb, d.metadata.name).toBeDefined();
    }
    expect(one('HorizontalPodAutoscaler', 'ai-core').spec.metrics[0].resource.name).toBe('cpu');
  });

  it('holds no literal Secret: every secret a pod or monitor reads is made by External Secrets or cert-manager', () => {
    expect(all('Secret')).toEqual([]);
    const made = new Set([
      ...all('ExternalSecret').map((e) => e.spec.target.name),
      ...all('Certificate').map((c) => c.spec.secretName),
    ]);
    const used = new Set<string>();
    for (const { spec } of podTemplates()) {
      for (const v of spec.spec.volumes ?? []) if (v.secret) used.add(v.secret.secretName);
      for (const c of spec.spec.containers) {
        for (const e of c.envFrom ?? []) if (e.secretRef) used.add(e.secretRef.name);
        const secretMounts =
          c.volumeMounts
            ?.filter((m: any) => spec.spec.volumes?.some((v: any) => v.name === m.name && v.secret))
            .map((m: any) => `${m.mountPath}/`) ?? [];
        for (const e of c.env ?? []) {
          // A *_FILE variable names a file; it is a literal only if it points outside a mounted Secret.
          if (e.name.endsWith('_FILE'))
            expect(
              secretMounts.some((p: string) => e.value.startsWith(p)),
              `${e.name}=${e.value} is not in a mounted Secret`,
            ).toBe(true);
          else
            expect(e.name, 'a secret-looking literal env value').not.toMatch(/TOKEN|KEY|PASSWORD|SECRET|DATABASE_URL/);
        }
      }
    }
    for (const sm of all('ServiceMonitor'))
      for (const ep of sm.spec.endpoints) used.add(ep.authorization.credentials.name);
    for (const ing of all('Ingress')) for (const t of ing.spec.tls) used.add(t.secretName);
    expect([...used].filter((s) => !made.has(s))).toEqual([]);
  });

  it('gives the backend its audit key files from External Secrets and its checkpoint directory on a shared ReadWriteMany claim', () => {
    const pod = one('Deployment', 'backend').spec.template.spec;
    const [backend] = pod.containers;
    const env = Object.fromEntries(backend.env.map((e: any) => [e.name, e.value]));
    const volumeAt = (file: string) => {
      const mount = backend.volumeMounts.find((m: any) => file === m.mountPath || file.startsWith(`${m.mountPath}/`));
      return { mount, volume: pod.volumes.find((v: any) => v.name === mount?.name) };
    };
    const keys = one('ExternalSecret', 'audit-keys');
    for (const [variable, remote] of [
      ['AUDIT_HMAC_KEYS_FILE', 'audit-hmac-keys'],
      ['AUDIT_SIGNING_KEYS_FILE', 'audit-signing-keys'],
    ] as const) {
      const { mount, volume } = volumeAt(env[variable]);
      expect(volume?.secret?.secretName, variable).toBe(keys.spec.target.name);
      expect(mount.readOnly, variable).toBe(true);
      const item = keys.spec.data.find((d: any) => d.secretKey === path.posix.relative(mount.mountPath, env[variable]));
      expect(item?.remoteRef.key, variable).toBe(`ethixai/${overlay}/${remote}`);
    }
    const { mount, volume } = volumeAt(env.AUDIT_CHECKPOINT_DIR);
    expect(mount.mountPath).toBe(env.AUDIT_CHECKPOINT_DIR);
    expect(mount.readOnly).toBeFalsy();
    const claim = one('PersistentVolumeClaim', volume.persistentVolumeClaim.claimName);
    expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
    expect(Number(env.AUDIT_CHECKPOINT_INTERVAL_MS)).toBeLessThanOrEqual(60_000);
    // The keys stay with the backend: the migration and the database dump never see them.
    const holders = podTemplates()
      .filter(({ spec }) => (spec.spec.volumes ?? []).some((v: any) => v.secret?.secretName === 'audit-keys'))
      .map(({ owner }) => owner);
    expect(holders).toEqual(['Deployment/backend']);
  });

  it('reads only secrets the Terraform secrets module creates', () => {
    const main = fs.readFileSync(path.resolve(K8S_DIR, '../terraform/modules/environment/main.tf'), 'utf8');
    const names = JSON.parse(/secret_names\s*=\s*(\[[^\]]*\])/.exec(main)![1]!) as string[];
    const remote = new Set(
      all('ExternalSecret').flatMap((e) => e.spec.data.map((d: any) => d.remoteRef.key.split('/').at(-1))),
    );
    expect([...remote].sort()).toEqual([...names].sort());
  });

  it('scrapes both services with the metrics credential under the jobs the rules use', () => {
    const jobs = Object.fromEntries(
      all('Service').map((s) => [s.metadata.name, s.metadata.labels?.['ethixai.io/job']]),
    );
    expect(jobs).toEqual({ backend: JOB_BACKEND, 'ai-core': JOB_AI_CORE });
    for (const sm of all('ServiceMonitor')) {
      expect(sm.spec.jobLabel).toBe('ethixai.io/job');
      expect(sm.spec.endpoints).toEqual([
        expect.objectContaining({
          path: '/metrics',
          authorization: { type: 'Bearer', credentials: { name: 'metrics-token', key: 'token' } },
        }),
      ]);
    }
  });

  it('lets only the backend reach ai-core, and only database clients (backend, migration, backup) reach PostgreSQL', () => {
    expect(one('NetworkPolicy', 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const aiCoreIngress = one('NetworkPolicy', 'ai-core-ingress').spec.ingress;
    const podPeers = aiCoreIngress.flatMap((r: any) =>
      r.from.filter((p: any) => p.podSelector).map((p: any) => p.podSelector.matchLabels),
    );
    expect(podPeers).toEqual([{ 'app.kubernetes.io/name': 'backend' }]);
    for (const policy of all('NetworkPolicy')) {
      for (const rule of policy.spec.ingress ?? [])
        for (const peer of rule.from) expect(peer.ipBlock, policy.metadata.name).toBeUndefined();
    }
    const db = one('NetworkPolicy', 'allow-database-egress');
    expect(db.spec.egress).toEqual([
      {
        to: [{ ipBlock: { cidr: expect.stringMatching(/^10\.\d+\.\d+\.\d+\/\d+$/) } }],
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
    ]);
    const clients = podTemplates()
      .filter(({ spec }) => spec.metadata.labels['ethixai.io/database-client'] === 'true')
      .map(({ owner }) => owner)
      .sort();
    expect(clients).toEqual(['CronJob/backup', 'Deployment/backend', 'Job/migrate']);
  });

  it('serves TLS from a cert-manager certificate for the same host, with HSTS', () => {
    const cert = one('Certificate', 'ethixai-tls');
    const ingress = one('Ingress', 'ethixai');
    expect(ingress.spec.tls).toEqual([{ hosts: cert.spec.dnsNames, secretName: cert.spec.secretName }]);
    expect(ingress.spec.rules.map((r: any) => r.host)).toEqual(cert.spec.dnsNames);
    expect(cert.spec.issuerRef).toEqual({ kind: 'ClusterIssuer', name: `letsencrypt-${overlay}` });
    expect(ingress.metadata.annotations!['nginx.ingress.kubernetes.io/configuration-snippet']).toMatch(
      /Strict-Transport-Security: max-age=31536000; includeSubDomains/,
    );
    expect(ingress.metadata.annotations!['nginx.ingress.kubernetes.io/force-ssl-redirect']).toBe('true');
  });

  it("migrates with the backend's own image before the rollout, and backs up nightly with a checked script", () => {
    const job = one('Job', 'migrate');
    const [migrate] = job.spec.template.spec.containers;
    const backendImage = one('Deployment', 'backend').spec.template.spec.containers[0].image;
    expect(migrate.image).toBe(backendImage);
    expect(migrate.command).toEqual(['node', 'services/backend/src/cli.ts', 'migrate']);
    expect(job.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'PreSync' });
    for (const d of all('Deployment')) expect(d.metadata.labels).toMatchObject({ 'ethixai.io/rollout': 'true' });
    const backup = one('CronJob', 'backup');
    expect(backup.spec.concurrencyPolicy).toBe('Forbid');
    const script = all('ConfigMap').find((c) => c.metadata.name.startsWith('ethixai-backup-script'))!;
    expect(script.data!['backup.sh']).toContain('pg_restore --list');
  });
});

describe('schema validation', () => {
  it('rejects an invalid object (the check can fail)', async () => {
    const bad: Obj = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: {
        selector: {},
        template: { spec: { containers: [{ name: 'a', image: 'b', ports: [{ containerPort: 'http' }] }] } },
      },
    };
    await expect(validate(bad)).rejects.toThrow(/containerPort/);
    await expect(validate({ ...bad, apiVersion: 'example.com/v1' })).rejects.toThrow(/no schema/);
  });
});

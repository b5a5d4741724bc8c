/**
 * No Terraform binary can be had here, so every .tf and .tfvars file is parsed with HashiCorp's
 * own HCL parser compiled to WebAssembly (@cdktf/hcl2json), and the references are checked the
 * way `terraform validate` would for these rules: every var.X is declared in its directory,
 * every local.X defined, every module.M.O names a module call and an output of its source, every
 * module input is a variable of that module and every required variable is given, every tfvars
 * entry is declared. Providers' resource schemas are NOT checked (that needs the providers).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

// Loaded by a non-literal specifier: its typings pull in the DOM library (`/// <reference lib="dom">`),
// which would retype fetch and Buffer for the whole project's typecheck.
const HCL2JSON = '@cdktf/hcl2json';
const { parse } = (await import(HCL2JSON)) as {
  parse(file: string, content: string): Promise<Record<string, unknown>>;
};

const TF_DIR = path.resolve(import.meta.dirname, '..');
const ROOTS = ['staging', 'production'];
const META_ARGUMENTS = new Set(['source', 'version', 'providers', 'depends_on', 'count', 'for_each']);

interface Dir {
  variables: Map<string, { default?: unknown; description?: string; type?: string }>;
  outputs: Map<string, { description?: string }>;
  locals: Set<string>;
  modules: Map<string, Record<string, unknown>>;
  /** Every string in the directory's files (HCL expressions arrive as "${...}"). */
  strings: { file: string; text: string }[];
  tfvars: Map<string, unknown>;
  terraform: any[];
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  return out;
}

async function loadDir(dir: string): Promise<Dir> {
  const d: Dir = {
    variables: new Map(),
    outputs: new Map(),
    locals: new Set(),
    modules: new Map(),
    strings: [],
    tfvars: new Map(),
    terraform: [],
  };
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tf') || f.endsWith('.tfvars'))
    .sort()) {
    const json = (await parse(name, fs.readFileSync(path.join(dir, name), 'utf8'))) as Record<string, any>;
    if (name.endsWith('.tfvars')) {
      for (const [k, v] of Object.entries(json)) d.tfvars.set(k, v);
      continue;
    }
    for (const [k, [v]] of Object.entries(json.variable ?? {}) as [string, any[]][]) d.variables.set(k, v);
    for (const [k, [v]] of Object.entries(json.output ?? {}) as [string, any[]][]) d.outputs.set(k, v);
    for (const block of json.locals ?? []) for (const k of Object.keys(block)) d.locals.add(k);
    for (const [k, [v]] of Object.entries(json.module ?? {}) as [string, any[]][]) d.modules.set(k, v);
    d.terraform.push(...(json.terraform ?? []));
    for (const text of strings(json)) d.strings.push({ file: name, text });
  }
  return d;
}

const refs = (d: Dir, kind: string) =>
  d.strings.flatMap(({ file, text }) =>
    [...text.matchAll(new RegExp(`\\b${kind}\\.([A-Za-z_][\\w-]*)(?:\\.([A-Za-z_][\\w-]*))?`, 'g'))]
      .filter(() => text.includes('${'))
      .map((m) => ({ file, name: m[1]!, attr: m[2] })),
  );

const allDirs = [...ROOTS, ...fs.readdirSync(path.join(TF_DIR, 'modules')).map((m) => `modules/${m}`)];
const dirs = new Map<string, Dir>();
beforeAll(async () => {
  for (const rel of allDirs) dirs.set(rel, await loadDir(path.join(TF_DIR, rel)));
}, 60_000);

describe.each(allDirs)('ops/terraform/%s', (rel) => {
  it('parses, and every var / local / module reference resolves', () => {
    const d = dirs.get(rel)!;
    expect(d.strings.length, 'no HCL parsed').toBeGreaterThan(0);
    expect(
      refs(d, 'var')
        .filter((r) => !d.variables.has(r.name))
        .map((r) => `${r.file}: var.${r.name} is not declared`),
    ).toEqual([]);
    expect(
      refs(d, 'local')
        .filter((r) => !d.locals.has(r.name))
        .map((r) => `${r.file}: local.${r.name} is not defined`),
    ).toEqual([]);
    for (const r of refs(d, 'module')) {
      const call = d.modules.get(r.name);
      expect(call, `${r.file}: module.${r.name} is not called here`).toBeDefined();
      const target = dirs.get(path.relative(TF_DIR, path.resolve(TF_DIR, rel, call!.source as string)))!;
      expect(target.outputs.has(r.attr!), `${r.file}: module.${r.name}.${r.attr} is no output of ${call!.source}`).toBe(
        true,
      );
    }
  });

  it('calls modules with exactly their inputs: none unknown, none required missing', () => {
    const d = dirs.get(rel)!;
    for (const [name, call] of d.modules) {
      const source = call.source as string;
      expect(source, `module ${name}: only local modules (no registry can be reached to check others)`).toMatch(
        /^\.\.?\//,
      );
      const target = dirs.get(path.relative(TF_DIR, path.resolve(TF_DIR, rel, source)));
      expect(target, `module ${name}: ${source} is not a module directory here`).toBeDefined();
      const given = Object.keys(call).filter((k) => !META_ARGUMENTS.has(k));
      expect(
        given
          .filter((k) => !target!.variables.has(k))
          .map((k) => `module ${name}: ${k} is not a variable of ${source}`),
      ).toEqual([]);
      const required = [...target!.variables].filter(([, v]) => !('default' in v)).map(([k]) => k);
      expect(
        required
          .filter((k) => !given.includes(k))
          .map((k) => `module ${name}: required ${k} of ${source} is not given`),
      ).toEqual([]);
    }
  });

  it('documents every variable (description and type) and output (description)', () => {
    const d = dirs.get(rel)!;
    for (const [k, v] of d.variables) expect([k, typeof v.description, typeof v.type]).toEqual([k, 'string', 'string']);
    for (const [k, v] of d.outputs) expect([k, typeof v.description]).toEqual([k, 'string']);
  });
});

describe.each(ROOTS)('root %s', (root) => {
  it('keeps remote state in S3 with locking, pins providers, and sets every required variable in its tfvars', () => {
    const d = dirs.get(root)!;
    const backend = d.terraform
      .flatMap((t) => t.backend ?? [])
      .map((b: any) => b.s3?.[0])
      .find(Boolean);
    expect(backend).toMatchObject({ key: `${root}/terraform.tfstate`, encrypt: true, use_lockfile: true });
    const providers = d.terraform
      .flatMap((t) => t.required_providers ?? [])
      .reduce((a: any, b: any) => ({ ...a, ...b }), {});
    for (const [name, p] of Object.entries(providers) as [string, any][])
      expect(p.version, name).toMatch(/^~> \d+\.\d+$/);
    expect([...d.tfvars.keys()].filter((k) => !d.variables.has(k))).toEqual([]);
    const required = [...d.variables].filter(([, v]) => !('default' in v)).map(([k]) => k);
    expect(required.filter((k) => !d.tfvars.has(k))).toEqual([]);
  });

  it("puts the database subnets inside the Kubernetes overlay's DATABASE_CIDR (the NetworkPolicy's egress)", () => {
    const d = dirs.get(root)!;
    const [a, b] = (d.tfvars.get('vpc_cidr') as string).split('.').map(Number);
    const azs = d.tfvars.get('az_count') as number;
    const overlay = fs.readFileSync(path.resolve(TF_DIR, '..', 'k8s', 'overlays', root, 'kustomization.yaml'), 'utf8');
    const docs = parseAllDocuments(overlay).map((x) => x.toJS());
    const literal = (docs[0].configMapGenerator[0].literals as string[])
      .find((l) => l.startsWith('DATABASE_CIDR='))!
      .split('=')[1]!;
    const [base, bits] = literal.split('/');
    const toInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
    const mask = Number(bits);
    const inside = (ip: string) =>
      Math.floor(toInt(ip) / 2 ** (32 - mask)) === Math.floor(toInt(base!) / 2 ** (32 - mask));
    // network module: database subnets are cidrsubnet(vpc, 8, 20 + i), i.e. a.b.(20+i).0/24.
    for (let i = 0; i < azs; i++) {
      expect(
        inside(`${a}.${b}.${20 + i}.0`) && inside(`${a}.${b}.${20 + i}.255`),
        `${a}.${b}.${20 + i}.0/24 in ${literal}`,
      ).toBe(true);
    }
  });
});

describe('staging and production', () => {
  it('are the same modules: their main.tf differ only in the environment name', () => {
    const text = (root: string) => fs.readFileSync(path.join(TF_DIR, root, 'main.tf'), 'utf8').replaceAll(root, 'ENV');
    expect(text('production')).toBe(text('staging'));
    expect(fs.readFileSync(path.join(TF_DIR, 'production', 'variables.tf'), 'utf8')).toBe(
      fs.readFileSync(path.join(TF_DIR, 'staging', 'variables.tf'), 'utf8'),
    );
  });
});

describe('the checker', () => {
  it('finds an undeclared variable and an unknown module input (it can fail)', async () => {
    const json = (await parse('x.tf', 'module "m" {\n source = "./m"\n nope = var.missing\n}\n')) as any;
    expect(json.module.m[0]).toEqual({ source: './m', nope: '${var.missing}' });
    const d: Dir = {
      variables: new Map(),
      outputs: new Map(),
      locals: new Set(),
      modules: new Map(),
      strings: strings(json).map((text) => ({ file: 'x.tf', text })),
      tfvars: new Map(),
      terraform: [],
    };
    expect(refs(d, 'var').map((r) => r.name)).toEqual(['missing']);
    await expect(parse('bad.tf', 'resource "x" {')).rejects.toThrow();
  });
});

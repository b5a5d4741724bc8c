/**
 * npm run bench:cli [-- --runs N --rows N] — the `ethixai` CLI as a user gets it: `npm pack` of
 * packages/cli, installed from the tarball into an empty folder (no monorepo, no network), then
 *   start-up: `ethixai --version`, wall time per run (goal < 150 ms), beside bare `node -e 0`;
 *   audit:    `ethixai audit` of a generated 1M-row CSV (tools/bench/src/gen-csv.ts, not kept),
 *             wall time end to end (goal < 1.0 s) and the child's CPU time.
 * Runs alternate between the cases and the medians are reported, since the machine is shared.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeCsv } from './gen-csv.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '11' }, rows: { type: 'string', default: '1000000' } },
});
const runs = Number(values.runs),
  rows = Number(values.rows);
const repo = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'ethixai-cli-bench-'));

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Wall time of one run of a command, failing on a non-zero exit. */
function timed(cmd: string, args: string[], cwd: string): { wallMs: number; stdout: string } {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallMs = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wallMs, stdout: r.stdout };
}

try {
  const packDir = join(dir, 'pack'),
    app = join(dir, 'app');
  mkdirSync(packDir);
  mkdirSync(app);
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], {
    cwd: join(repo, 'packages/cli'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = join(
    packDir,
    readdirSync(packDir).find((f) => f.endsWith('.tgz'))!,
  );
  writeFileSync(join(app, 'package.json'), '{"name":"cli-bench-app","private":true}\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', tarball], {
    cwd: app,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const bin = join(app, 'node_modules/.bin/ethixai');
  const csv = join(dir, 'audit.csv');
  await writeCsv(csv, rows, 1);
  const auditArgs = [
    'audit',
    csv,
    '--label',
    'label',
    '--prediction',
    'pred',
    '--positive',
    '1',
    '--sensitive',
    'group,sex',
  ];

  const bare: number[] = [],
    version: number[] = [],
    auditWall: number[] = [];
  timed(bin, ['--version'], app); // warm the file cache and the compile cache
  for (let i = 0; i < runs; i++) {
    bare.push(timed(process.execPath, ['-e', '0'], app).wallMs);
    version.push(timed(bin, ['--version'], app).wallMs);
    auditWall.push(timed(bin, auditArgs, app).wallMs);
  }
  // CPU time, which waiting for a busy core does not inflate: the second line of a shell's
  // `times` is its children's user and system seconds.
  const childCpuMs = (script: string, args: string[]) =>
    execFileSync('bash', ['-c', `${script}; times`, ...args], { cwd: app, encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1)!
      .trim()
      .split(/\s+/)
      .reduce((sum, t) => {
        const m = /(\d+)m([\d.]+)s/.exec(t);
        return sum + (m ? (Number(m[1]) * 60 + Number(m[2])) * 1000 : 0);
      }, 0);
  const loop = `for i in $(seq ${runs}); do "$0" "$@" > /dev/null; done`;
  const cpuBare = childCpuMs(loop, [process.execPath, '-e', '0']) / runs;
  const cpuVersion = childCpuMs(loop, [bin, '--version']) / runs;
  const cpuAudit = childCpuMs('"$0" "$@" > /dev/null', [bin, ...auditArgs]);
  const fmt = (v: number) => `${v.toFixed(1)} ms`;
  const lines = [
    `bench:cli — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0].toFixed(1)}`,
    `installed from ${tarball.split('/').pop()} (${statSync(tarball).size.toLocaleString('en-US')} bytes) into an empty folder; CSV ${rows.toLocaleString('en-US')} rows, ${statSync(csv).size.toLocaleString('en-US')} bytes; ${runs} runs each, medians`,
    `node -e 0:                ${fmt(median(bare))}   (CPU ${fmt(cpuBare)} a run)`,
    `ethixai --version:        ${fmt(median(version))}   (goal < 150 ms: ${median(version) < 150 ? 'met' : 'NOT met'}; CPU ${fmt(cpuVersion)} a run)`,
    `ethixai audit:            ${fmt(median(auditWall))}   (goal < 1000 ms: ${median(auditWall) < 1000 ? 'met' : 'NOT met'}); CPU ${fmt(cpuAudit)} for one run`,
    `all runs, ms: --version ${version.map((v) => v.toFixed(0)).join(' ')}; audit ${auditWall.map((v) => v.toFixed(0)).join(' ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

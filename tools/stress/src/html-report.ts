/**
 * A self-contained HTML report of a run: uPlot's built file and stylesheet are inlined from
 * node_modules (no CDN, no network: the page works offline and from a CI artefact), the data is
 * embedded as JSON. Charts: latency over time (p95 per endpoint, per second of due time),
 * throughput over time, the latency distribution (percentile spectrum), server CPU and RSS, and
 * for an endurance run the post-GC heap with its fitted trend.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RunResult } from './result.ts';
import type { SloCheck } from './slo.ts';

const require = createRequire(import.meta.url);
const UPLOT_JS = () => readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
const UPLOT_CSS = () => readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
/** JSON that cannot close the script element it sits in. */
const embed = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');

function endpointTable(run: RunResult): string {
  const rows = Object.entries(run.endpoints).map(([name, e]) => {
    const statuses = Object.entries(e.statuses)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ');
    const errors = Object.entries(e.errors)
      .map(([m, n]) => `${esc(m)}: ${n}`)
      .join(', ');
    return `<tr class="${e.unexpected > 0 ? 'bad' : ''}"><td>${esc(name)}</td><td>${e.count}</td><td>${fmt(e.throughput)}</td><td>${fmt(e.latencyMs.p50, 2)}</td><td>${fmt(e.latencyMs.p95, 2)}</td><td>${fmt(e.latencyMs.p99, 2)}</td><td>${fmt(e.latencyMs.max, 2)}</td><td>${statuses}</td><td>${errors || '—'}</td><td>${e.expect.join(', ')}</td><td>${e.unexpected}</td></tr>`;
  });
  return `<table><thead><tr><th>endpoint</th><th>requests</th><th>responses/s</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th><th>statuses</th><th>errors</th><th>expected</th><th>unexpected</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function serverTable(run: RunResult): string {
  const rows = Object.entries(run.servers).map(([name, s]) => {
    const m = run.metrics[name];
    const counted = m ? Object.values(m.requests).reduce((a, n) => a + n, 0) : Number.NaN;
    return `<tr><td>${esc(name)}</td><td>${fmt(s.cpuSeconds, 2)}</td><td>${fmt(s.peakRssMb)}</td><td>${m ? `${fmt(m.heapUsedMb.before)} → ${fmt(m.heapUsedMb.after)}` : '—'}</td><td>${counted}</td></tr>`;
  });
  return `<table><thead><tr><th>service</th><th>CPU s (/proc)</th><th>peak RSS MB</th><th>heap used MB (/metrics, before → after)</th><th>requests counted by the server (/metrics)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function sloTable(checks: SloCheck[]): string {
  if (checks.length === 0) return '';
  const rows = checks.map(
    (c) =>
      `<tr class="${c.met ? '' : 'bad'}"><td>${esc(c.objective)}</td><td>${esc(c.endpoint)}</td><td>${c.metric}</td><td>${c.metric.endsWith('Ms') ? fmt(c.value, 2) : `${fmt(100 * c.value, 3)} %`}</td><td>${c.metric.endsWith('Ms') ? c.max : `${fmt(100 * c.max, 3)} %`}</td><td>${c.met ? 'met' : 'VIOLATED'}</td></tr>`,
  );
  return `<h2>SLOs</h2><table><thead><tr><th>objective</th><th>endpoint</th><th>metric</th><th>value</th><th>bound</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function memoryTable(run: RunResult): string {
  if (!run.memory) return '';
  const rows = run.memory.flatMap((m) =>
    m.verdicts.map(
      (v) =>
        `<tr class="${v.grew ? 'bad' : ''}"><td>${esc(m.service)}</td><td>${v.series}</td><td>${fmt(v.trend.slopePerHour, 2)} ± ${fmt(v.trend.slopeStdErrPerHour, 2)}</td><td>${v.boundPerHour}</td><td>${v.trend.samples}</td><td>${v.grew ? 'GROWS' : 'bounded'}</td></tr>`,
    ),
  );
  return `<h2>Endurance: trends after ${run.memory[0]?.fittedFromSeconds ?? 0} s</h2><table><thead><tr><th>service</th><th>series</th><th>fitted growth per hour (± 1 SE)</th><th>bound per hour</th><th>samples</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const CLIENT = `
const run = JSON.parse(document.getElementById('run-data').textContent);
const palette = ['#1f77b4','#d62728','#2ca02c','#ff7f0e','#9467bd','#8c564b','#e377c2','#7f7f7f','#bcbd22','#17becf'];
const width = () => Math.min(1100, document.body.clientWidth - 40);
function chart(id, title, xLabel, yLabel, x, series, opts = {}) {
  const el = document.getElementById(id);
  if (!el || x.length === 0) return;
  new uPlot({ title, width: width(), height: 300, scales: { x: { time: false, distr: opts.xLog ? 3 : 1 }, y: { distr: opts.yLog ? 3 : 1 } },
    axes: [{ label: xLabel }, { label: yLabel }],
    series: [{ label: xLabel }, ...series.map((s, i) => ({ label: s.label, stroke: palette[i % palette.length], width: 1.5, spanGaps: false, points: { show: !!opts.points } }))] },
    [x, ...series.map((s) => s.data.map((v) => (v === null || Number.isNaN(v) ? null : v)))], el);
}
const names = Object.keys(run.timeline);
const len = Math.max(0, ...names.map((n) => run.timeline[n].length));
const secs = Array.from({ length: len }, (_, i) => i);
chart('latency-time', 'p95 latency per second (ms, by due time)', 's', 'ms', secs, names.map((n) => ({ label: n, data: run.timeline[n].map((p) => p.p95) })), { yLog: true });
chart('throughput-time', 'requests due per second, by endpoint (answered)', 's', 'req/s', secs, names.map((n) => ({ label: n, data: run.timeline[n].map((p) => p.count) })));
const spectrum = [0, 10, 25, 50, 75, 90, 95, 98, 99, 99.5, 99.9, 99.95, 99.99, 100];
chart('distribution', 'latency distribution: percentile spectrum (x: 1/(1-p), log)', '1/(1-p)', 'ms', spectrum.map((p) => (p >= 100 ? 100000 : 1 / (1 - p / 100))),
  Object.entries(run.endpoints).filter(([, e]) => e.distribution.length).map(([n, e]) => ({ label: n, data: e.distribution.map((d) => d[1]) })), { xLog: true, yLog: true, points: true });
const servers = Object.entries(run.servers);
if (servers.length) {
  chart('server-cpu', 'server CPU (% of one core, /proc)', 's', '%', servers[0][1].series.t, servers.map(([n, s]) => ({ label: n, data: s.series.cpuPercent })));
  chart('server-rss', 'server resident memory (MB, /proc)', 's', 'MB', servers[0][1].series.t, servers.map(([n, s]) => ({ label: n, data: s.series.rssMb })));
}
if (run.memory && run.memory.length) {
  const t = run.memory[0].samples.t;
  const lines = [];
  for (const m of run.memory) {
    lines.push({ label: m.service + ' heap after GC', data: m.samples.heapUsedMb });
    const v = m.verdicts.find((x) => x.series === 'heapUsedMb');
    lines.push({ label: m.service + ' fitted', data: t.map((s) => (s >= m.fittedFromSeconds ? v.trend.intercept + (v.trend.slopePerHour / 3600) * s : null)) });
  }
  chart('memory', 'post-GC heap (MB) and fitted trend', 's', 'MB', t, lines, { points: true });
}
`;

export function renderHtmlReport(run: RunResult, slos: SloCheck[] = []): string {
  const ok = run.failures.length === 0 && slos.every((c) => c.met);
  const failures = [
    ...run.failures,
    ...slos
      .filter((c) => !c.met)
      .map((c) => `SLO ${c.objective}: ${c.endpoint} ${c.metric} ${fmt(c.value, 3)} > ${c.max}`),
  ];
  const phases =
    run.scenario.kind === 'open-loop'
      ? run.scenario.phases
          .map((p) =>
            'rate' in p
              ? `${esc(p.name)}: ${p.rate}/s for ${p.seconds} s`
              : `${esc(p.name)}: ${p.from} → ${p.to}/s over ${p.seconds} s`,
          )
          .join('; ')
      : run.scenario.steps.map((s) => `${s.connections} connections for ${s.seconds} s`).join('; ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>EthixAI stress: ${esc(run.scenario.name)}</title>
<style>${UPLOT_CSS()}
body{font:14px/1.4 system-ui,sans-serif;margin:20px;color:#222}table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}td:first-child,th:first-child{text-align:left}tr.bad td{background:#fde2e2}.verdict{font-weight:bold;color:${ok ? '#176f2c' : '#b00020'}}.chart{margin:10px 0}</style>
</head><body>
<h1>EthixAI stress run: ${esc(run.scenario.name)}</h1>
<p>${esc(run.scenario.description)}</p>
<p class="verdict">${ok ? 'PASSED' : 'FAILED'}</p>
${failures.length ? `<ul>${failures.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` : ''}
<p>${esc(run.startedAt)} → ${esc(run.finishedAt)}; ${esc(run.environment.node)}, ${esc(run.environment.cpus)}; commit ${esc(run.environment.commit)};
load average at start ${run.environment.loadAverage.start.map((l) => l.toFixed(1)).join(' ')}, at end ${run.environment.loadAverage.end.map((l) => l.toFixed(1)).join(' ')}.<br>
Target: ${esc(run.environment.target)}.<br>Load: ${phases}. ${run.requests.sent} requests, ${run.requests.unexpected} unexpected answers; server CPU per request ${run.cpuUsPerRequest === null ? '—' : `${fmt(run.cpuUsPerRequest, 0)} µs`}.</p>
<h2>Endpoints</h2>${endpointTable(run)}
${sloTable(slos)}
<h2>Servers</h2>${serverTable(run)}
${memoryTable(run)}
<div class="chart" id="latency-time"></div><div class="chart" id="throughput-time"></div><div class="chart" id="distribution"></div>
<div class="chart" id="server-cpu"></div><div class="chart" id="server-rss"></div><div class="chart" id="memory"></div>
<script type="application/json" id="run-data">${embed(run)}</script>
<script>${UPLOT_JS()}</script>
<script>${CLIENT}</script>
</body></html>
`;
}

import type { DrillResult } from './drill.ts';
import type { Summary } from './summary.ts';

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** Per second of the drill: requests started that finally succeeded, and that failed, as an inline SVG (no scripts, no CDN). */
function timeline(result: DrillResult): string {
  const seconds = Math.max(1, Math.ceil(Math.max(0, ...result.operations.map((o) => o.startMs)) / 1000) + 1);
  const okBy = new Array<number>(seconds).fill(0);
  const failBy = new Array<number>(seconds).fill(0);
  for (const op of result.operations) {
    const s = Math.floor(op.startMs / 1000);
    if (op.outcome.status >= 200 && op.outcome.status < 300) okBy[s]! += 1;
    else failBy[s]! += 1;
  }
  const peak = Math.max(1, ...okBy.map((v, i) => v + failBy[i]!));
  const w = 900;
  const h = 200;
  const bw = w / seconds;
  const bars = okBy
    .map((v, i) => {
      const okH = (v / peak) * (h - 20);
      const failH = (failBy[i]! / peak) * (h - 20);
      return (
        `<rect x="${i * bw}" y="${h - okH}" width="${Math.max(1, bw - 1)}" height="${okH}" fill="#2b8a3e"/>` +
        (failH > 0
          ? `<rect x="${i * bw}" y="${h - okH - failH}" width="${Math.max(1, bw - 1)}" height="${failH}" fill="#c92a2a"/>`
          : '')
      );
    })
    .join('');
  const bands = result.phases
    .filter((p) => p.kind !== 'calm')
    .map(
      (p) =>
        `<rect x="${(p.startMs / 1000) * bw}" y="0" width="${Math.max(2, ((p.clearedMs - p.startMs) / 1000) * bw)}" height="${h}" fill="#fab005" opacity="0.25"><title>${esc(p.name)}</title></rect>`,
    )
    .join('');
  return `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="requests per second">${bands}${bars}</svg>`;
}

/** `sections`: further HTML (the alerts' section) placed after the phases. */
export function renderHtml(result: DrillResult, summary: Summary, sections = ''): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const phaseRows = result.phases
    .map(
      (p) =>
        `<tr><td>${esc(p.name)}</td><td>${(p.startMs / 1000).toFixed(1)} s</td><td>${(p.clearedMs / 1000).toFixed(1)} s</td><td>${p.recoveryMs === null ? (p.kind === 'calm' ? '—' : 'not recovered') : `${p.recoveryMs} ms`}</td><td>${p.restartMs === undefined ? '' : `${p.restartMs} ms`}</td></tr>`,
    )
    .join('');
  const kinds = Object.entries(summary.by_kind)
    .map(
      ([k, v]) =>
        `<tr><td>${k}</td><td>${v.requests}</td><td>${v.succeeded}</td><td>${pct(v.succeeded / Math.max(1, v.requests))}</td></tr>`,
    )
    .join('');
  const verdict =
    summary.violations.length === 0
      ? '<p class="pass">All goals met.</p>'
      : `<ul class="fail">${summary.violations.map((v) => `<li>${esc(v)}</li>`).join('')}</ul>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>EthixAI chaos drill: ${esc(result.profile)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:960px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}.pass{color:#2b8a3e}.fail{color:#c92a2a}</style></head><body>
<h1>Chaos drill: ${esc(result.profile)}</h1><p>Started ${esc(result.startedAt)}. Client retry policy: docs/operations/resilience.md.</p>
${verdict}
<table><tr><th>success rate</th><td>${pct(summary.success_rate)} (${summary.succeeded} of ${summary.requests})</td></tr>
<tr><th>requests that needed retries</th><td>${summary.retried_requests}</td></tr>
<tr><th>500s seen</th><td>${summary.five_hundreds}</td></tr>
<tr><th>acknowledged writes / lost</th><td>${summary.acknowledged_writes} / ${summary.lost_writes}</td></tr>
<tr><th>slowest recovery</th><td>${summary.max_recovery_ms ?? '—'} ms</td></tr>
<tr><th>final statuses</th><td>${esc(JSON.stringify(summary.final_statuses))}</td></tr></table>
<h2>Requests per second</h2><p>Green: succeeded (after retries); red: failed; shaded: a fault.</p>${timeline(result)}
<h2>By kind</h2><table><tr><th>kind</th><th>requests</th><th>succeeded</th><th>rate</th></tr>${kinds}</table>
<h2>Phases</h2><table><tr><th>phase</th><th>start</th><th>cleared</th><th>recovery</th><th>restart</th></tr>${phaseRows}</table>
${sections}</body></html>
`;
}

import { RATE_NAMES, type AuditResult, type GroupReport, type Verdict } from '@ethixai/fairness';
import type { ReportSummary } from '@ethixai/contracts';

/**
 * A self-contained, printable HTML report: inline CSS, no scripts, no external resources, and
 * every value taken from the data escaped (group names come from user files).
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const fmt = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(3);

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#111}h1{font-size:1.5rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:12px}
th,td{border:1px solid #bbb;padding:3px 6px;text-align:right}th:first-child,td:first-child{text-align:left}.pass{color:#176b28}.warn{color:#9a6400}.fail{color:#b00020}
.badge{display:inline-block;padding:2px 8px;border-radius:4px;border:1px solid currentColor;font-weight:600}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}
dt{font-weight:600}@media print{body{margin:0}table{page-break-inside:avoid}}`;

function groupsTable(groups: GroupReport[]): string {
  const head = ['group', 'n', 'tp', 'fp', 'tn', 'fn', ...RATE_NAMES].map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = groups
    .map((g) => {
      const rates = RATE_NAMES.map((r) => {
        const e = g.rates[r];
        return `<td>${e.value === null ? `— <small>${escapeHtml(e.reason)}</small>` : `${fmt(e.value)} <small>[${fmt(e.interval[0])}, ${fmt(e.interval[1])}]</small>`}</td>`;
      }).join('');
      return `<tr><td>${escapeHtml(g.key)}${g.small ? ' <small>(small)</small>' : ''}</td>${[g.n, g.tp, g.fp, g.tn, g.fn].map((v) => `<td>${fmt(v)}</td>`).join('')}${rates}</tr>`;
    })
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function verdictsTable(verdicts: Verdict[]): string {
  if (verdicts.length === 0) return '<p>No criterion had a threshold.</p>';
  const rows = verdicts
    .map(
      (v) =>
        `<tr><td>${escapeHtml(v.attribute)}</td><td>${escapeHtml(v.metric)}</td><td class="${escapeHtml(v.status)}">${escapeHtml(v.status)}</td><td>${fmt(v.value)}</td><td>${fmt(v.threshold)}</td><td>${v.pValue === null ? '—' : escapeHtml(v.pValue.toPrecision(3))}</td><td>${escapeHtml(v.groups.join(', '))}</td><td>${escapeHtml(v.reason)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>attribute</th><th>metric</th><th>status</th><th>value</th><th>threshold</th><th>p</th><th>groups</th><th>reason</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function reportToHtml(summary: ReportSummary, result: AuditResult): string {
  const p = result.provenance;
  const provenance: [string, unknown][] = [
    ['Report', summary.id],
    ['Created', summary.createdAt],
    ['Created by', summary.createdBy],
    ['Dataset', summary.datasetId ?? 'inline data'],
    ['Engine version', p.engineVersion],
    ['Input digest', p.inputDigest ?? '—'],
    ['Rows', `${p.rowCount} (${p.includedRows} included)`],
  ];
  const attributes = result.attributes
    .map(
      (a) =>
        `<h3>${escapeHtml(a.name)}</h3><p>Reference group: ${escapeHtml(a.reference.group ?? '—')} (${escapeHtml(a.reference.strategy)})</p>${groupsTable(a.groups)}`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fairness report ${escapeHtml(summary.id)}</title><style>${CSS}</style></head><body>
<h1>Fairness report</h1>
<p>Verdict: <span class="badge ${escapeHtml(summary.verdict)}">${escapeHtml(summary.verdict)}</span> &nbsp; Risk: <span class="badge">${escapeHtml(result.risk.level)}</span></p>
<ul>${result.risk.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>
<h2>Verdicts</h2>${verdictsTable(result.verdicts)}
<h2>Groups</h2><h3>Overall</h3>${groupsTable([result.overall])}${attributes}
<h2>Provenance</h2><dl>${provenance.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
<h3>Configuration</h3><pre>${escapeHtml(JSON.stringify(p.config, null, 2))}</pre>
</body></html>
`;
}

/**
 * A self-contained, printable HTML report: inline CSS, no scripts, no external assets. Every
 * value from the data or the configuration is escaped.
 */
import { type AttributeReport, type AuditResult, type GroupReport, RATE_NAMES, type Verdict } from '@ethixai/fairness';
import type { RenderContext } from './context.ts';
import { escapeHtml as e, htmlTable } from './html-escape.ts';
import { HTML_STYLE } from './html-style.ts';
import { DRIVER_HEADER, driversSummary } from './drivers.ts';
import { decisionText, excludedText, intervalText, labelText, tableConfig, testingText } from './summary.ts';
import { count, percent, pValueText, scalarText, verdictMeasure } from './values.ts';

export function renderHtml(result: AuditResult, context: RenderContext): string {
  const config = tableConfig(result);
  const excluded = excludedText(result);
  const body = [
    `<h1>Fairness audit of ${e(context.file)}</h1>`,
    `<p class="meta">${e(count(result.provenance.rowCount))} rows, ${e(count(result.provenance.includedRows))} audited · label ${e(labelText(config))} · decision ${e(decisionText(config))} · ${e(intervalText(config))}<br>` +
      `${context.bytes === null ? e(context.counted ?? '') : `input ${e(count(context.bytes))} bytes, sha256 <code>${e(context.sha256)}</code>`} · engine ${e(result.engineVersion)}${excluded ? `<br>${e(excluded)}` : ''}</p>`,
    `<h2>Risk</h2><p><span class="risk risk-${e(result.risk.level)}">${e(result.risk.level.toUpperCase())}</span></p>`,
    `<ul>${result.risk.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul>`,
    `<h2>Verdicts</h2><p>${e(testingText(result))}</p>${verdictTable(result.verdicts)}`,
    `<h2>All rows</h2>${groupTable([result.overall])}`,
    ...result.attributes.map(attributeSection),
    driversSection(result),
    `<h2>Conventions</h2><ul>${Object.entries(result.conventions)
      .map(([k, v]) => `<li><b>${e(k)}</b>: ${e(v)}</li>`)
      .join('')}</ul>`,
    `<h2>Provenance</h2><pre>${e(JSON.stringify(result.provenance, null, 2))}</pre>`,
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fairness audit of ${e(context.file)}</title><style>${HTML_STYLE}</style></head>
<body>
${body.join('\n')}
</body></html>
`;
}

function driversSection(result: AuditResult): string {
  const summary = driversSummary(result);
  if (summary === null) return '';
  if (typeof summary === 'string') return `<h2>Drivers and proxies</h2><p>${e(summary)}</p>`;
  const flags =
    summary.flags.length === 0
      ? '<p>No protected attribute or strong proxy among the top drivers.</p>'
      : `<ul>${summary.flags.map((f) => `<li class="status status-warn">${e(f)}</li>`).join('')}</ul>`;
  return `<h2>Drivers and proxies</h2><p>${e(summary.surrogate)}</p>${htmlTable([DRIVER_HEADER.map(e), ...summary.rows.map((r) => r.map(e))])}${flags}`;
}

function verdictTable(verdicts: readonly Verdict[]): string {
  if (verdicts.length === 0) return '<p>No policy thresholds apply.</p>';
  const rows = verdicts.map((v) => [
    `<span class="status status-${e(v.status)}">${e(v.status.toUpperCase())}</span>`,
    e(v.attribute),
    e(v.metric),
    e(v.groups.join(' vs ')),
    e(verdictMeasure(v)),
    e(v.reason),
  ]);
  return htmlTable([['status', 'attribute', 'metric', 'groups', 'value', 'reason'], ...rows]);
}

function attributeSection(attribute: AttributeReport): string {
  const reference =
    attribute.reference.group === null ? 'none' : `${attribute.reference.group} (${attribute.reference.strategy})`;
  const criteria = attribute.criteria.map((c) => [
    e(c.name),
    e(scalarText(c.value)),
    e(c.groups.join(' vs ')),
    e(pValueText(c.pValue)),
    e(c.passed === undefined ? '' : c.passed === null ? 'n/a' : c.passed ? 'holds' : 'breached'),
    e(c.description),
  ]);
  return [
    `<h2>${e(attribute.name)}</h2><p class="meta">reference group: ${e(reference)}</p>`,
    groupTable(attribute.groups),
    criteria.length === 0
      ? ''
      : htmlTable([['criterion', 'value', 'groups', 'p (Holm)', 'rule', 'meaning'], ...criteria]),
  ].join('\n');
}

function groupTable(groups: readonly GroupReport[]): string {
  const head = ['group', 'n', 'TP', 'FP', 'TN', 'FN', ...RATE_NAMES.map((r) => e(r))];
  const rows = groups.map((g) => [
    g.small
      ? `<span class="small">${e(g.key)}<br><span class="ci">small cell: ${e(g.smallReasons.join('; '))}</span></span>`
      : e(g.key),
    ...[g.n, g.tp, g.fp, g.tn, g.fn].map((n) => e(count(n))),
    ...RATE_NAMES.map((r) => {
      const estimate = g.rates[r];
      if (estimate.value === null) return `<span class="na">n/a: ${e(estimate.reason)}</span>`;
      const [lo, hi] = estimate.interval;
      return `${e(percent(estimate.value))}<br><span class="ci">${e(`${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)}`)}</span>`;
    }),
  ]);
  return htmlTable([head, ...rows], 'groups');
}

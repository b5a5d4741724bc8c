/**
 * The terminal format: setup, risk, then per attribute its groups (n, confusion counts, key rates
 * with intervals) and finally every verdict. Plain text, no colours, fits a wide terminal.
 */
import type { AttributeReport, AuditResult, GroupReport, Verdict } from '@ethixai/fairness';
import type { RenderContext } from './context.ts';
import { DRIVER_HEADER, driversSummary } from './drivers.ts';
import { decisionText, excludedText, intervalText, labelText, tableConfig, testingText } from './summary.ts';
import { grid } from './text-grid.ts';
import { count, KEY_RATES, rateText, verdictMeasure } from './values.ts';

const MAX_UNDEFINED_NOTES = 8;

export function renderTable(result: AuditResult, context: RenderContext): string {
  const config = tableConfig(result);
  const { provenance } = result;
  const lines = [
    `EthixAI fairness audit of ${context.file} (${context.bytes === null ? context.counted : `${count(context.bytes)} bytes, sha256 ${context.sha256?.slice(0, 16)}…`})`,
    `engine ${result.engineVersion} · ${count(provenance.rowCount)} rows, ${count(provenance.includedRows)} audited · ` +
      `label ${labelText(config)} · decision ${decisionText(config)} · ${intervalText(config)}`,
  ];
  const excluded = excludedText(result);
  if (excluded !== null) lines.push(excluded);
  lines.push('', `RISK: ${result.risk.level.toUpperCase()}`, ...result.risk.reasons.map((r) => `  - ${r}`), '');
  lines.push('All rows', ...groupGrid([result.overall]), '');
  for (const attribute of result.attributes) lines.push(...attributeSection(attribute, config.minGroupSize), '');
  lines.push(...driverLines(result));
  lines.push('Verdicts', `  ${testingText(result)}`, ...verdictLines(result.verdicts));
  return `${lines.join('\n')}\n`;
}

function attributeSection(attribute: AttributeReport, minGroupSize: number): string[] {
  const reference =
    attribute.reference.group === null ? 'none' : `${attribute.reference.group} (${attribute.reference.strategy})`;
  const lines = [`${attribute.name} — reference group: ${reference}`, ...groupGrid(attribute.groups)];
  if (attribute.groups.some((g) => g.small)) {
    lines.push(`  * small cell (under ${minGroupSize} rows, or too few for a rate): shown, never decides a fail`);
  }
  lines.push(...undefinedNotes(attribute.groups));
  return lines;
}

function groupGrid(groups: readonly GroupReport[]): string[] {
  const header = ['group', 'n', 'TP', 'FP', 'TN', 'FN', ...KEY_RATES.map((r) => r.title)];
  const rows = groups.map((g) => [
    g.small ? `${g.key} *` : g.key,
    count(g.n),
    count(g.tp),
    count(g.fp),
    count(g.tn),
    count(g.fn),
    ...KEY_RATES.map((r) => rateText(g.rates[r.name])),
  ]);
  return grid([header, ...rows], new Set([1, 2, 3, 4, 5]));
}

function undefinedNotes(groups: readonly GroupReport[]): string[] {
  const notes: string[] = [];
  for (const g of groups) {
    for (const r of KEY_RATES) {
      const estimate = g.rates[r.name];
      if (estimate.value === null) notes.push(`${g.key} ${r.title}: ${estimate.reason}`);
    }
  }
  if (notes.length === 0) return [];
  const shown = notes.slice(0, MAX_UNDEFINED_NOTES).join('; ');
  const more =
    notes.length > MAX_UNDEFINED_NOTES ? `; … ${notes.length - MAX_UNDEFINED_NOTES} more (see --format json)` : '';
  return [`  n/a (undefined, never 0): ${shown}${more}`];
}

function driverLines(result: AuditResult): string[] {
  const summary = driversSummary(result);
  if (summary === null) return [];
  if (typeof summary === 'string') return ['Drivers and proxies', `  ${summary}`, ''];
  return [
    'Drivers and proxies',
    `  ${summary.surrogate}`,
    ...grid([DRIVER_HEADER, ...summary.rows]),
    ...summary.flags.map((f) => `  ! ${f}`),
    '',
  ];
}

function verdictLines(verdicts: readonly Verdict[]): string[] {
  if (verdicts.length === 0) return ['  (no policy thresholds apply)'];
  const order = { fail: 0, warn: 1, pass: 2 };
  const sorted = [...verdicts].sort((a, b) => order[a.status] - order[b.status]);
  const rows = sorted.map((v) => [
    v.status.toUpperCase(),
    v.attribute,
    v.metric,
    v.groups.join(' vs '),
    verdictMeasure(v),
  ]);
  const lines = grid(rows);
  return lines.flatMap((line, i) => [line, `        ${sorted[i].reason}`]);
}

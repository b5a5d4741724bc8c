import { RATE_NAMES, type AuditResult, type GroupReport } from '@ethixai/fairness';

/**
 * The per-group table of a report as RFC 4180 CSV: one row per (attribute, group), plus the
 * overall row, with the confusion counts and every rate with its interval. An undefined rate is
 * an empty cell (never 0).
 */

/** What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field. Text comes from the uploaded data (column names, group values), so text that a
 * spreadsheet would run as a formula is neutralised as OWASP describes: prefixed with a single
 * quote and quoted. Numbers are the engine's own and are written as they are (a negative number
 * stays a number).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'string' && FORMULA_START.test(value)) return `"'${value.replaceAll('"', '""')}"`;
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const HEADER = [
  'attribute',
  'group',
  'n',
  'tp',
  'fp',
  'tn',
  'fn',
  'small_cell',
  ...RATE_NAMES.flatMap((r) => [r, `${r}_lower`, `${r}_upper`]),
];

function groupRow(attribute: string, group: GroupReport): (string | number | null)[] {
  const rates = RATE_NAMES.flatMap((name) => {
    const rate = group.rates[name];
    return rate.value === null ? [null, null, null] : [rate.value, rate.interval[0], rate.interval[1]];
  });
  return [
    attribute,
    group.key,
    group.n,
    group.tp,
    group.fp,
    group.tn,
    group.fn,
    group.small ? 'true' : 'false',
    ...rates,
  ];
}

export function reportToCsv(result: AuditResult): string {
  const rows = [HEADER, groupRow('(overall)', result.overall)];
  for (const attribute of result.attributes) {
    for (const group of attribute.groups) rows.push(groupRow(attribute.name, group));
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

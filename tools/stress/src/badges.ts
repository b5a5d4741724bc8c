/**
 * Shields-style flat SVG badges for the README, drawn here from the recorded baseline (no badge
 * service, no network). Text widths are estimated from Verdana 11 px character widths, as the
 * badges only need to fit their text.
 */
import type { BaselineRun } from './baseline.ts';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const textWidth = (s: string) =>
  [...s].reduce(
    (w, c) => w + (/[ il.,:;|!'()]/.test(c) ? 3.5 : /[mwMW@%]/.test(c) ? 10 : /[A-Z0-9#µ×]/.test(c) ? 7.5 : 6.5),
    0,
  );

export function badgeSvg(label: string, message: string, color: string): string {
  const lw = Math.round(textWidth(label) + 10);
  const mw = Math.round(textWidth(message) + 10);
  const w = lw + mw;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${esc(label)}: ${esc(message)}"><title>${esc(label)}: ${esc(message)}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${color}"/><rect width="${w}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11"><text x="${lw / 2}" y="15" fill="#010101" fill-opacity=".3">${esc(label)}</text><text x="${lw / 2}" y="14">${esc(label)}</text><text x="${lw + mw / 2}" y="15" fill="#010101" fill-opacity=".3">${esc(message)}</text><text x="${lw + mw / 2}" y="14">${esc(message)}</text></g></svg>\n`;
}

const GREEN = '#4c1';
const RED = '#e05d44';
const fmtMs = (ms: number) => (ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`);

/** File name → SVG, from the baseline's run of `scenario`. */
export function baselineBadges(runs: BaselineRun[], scenario: string): Record<string, string> {
  const run = runs.find((r) => r.scenario === scenario);
  if (!run) throw new Error(`the recorded baseline has no ${scenario} run (record one with npm run stress -- record)`);
  const rate = Math.round(Object.values(run.endpoints).reduce((a, e) => a + e.throughput, 0));
  const evaluate = run.endpoints.evaluate;
  const analyses = run.endpoints['analyses.inline'];
  const out: Record<string, string> = {
    'stress-slo.svg': badgeSvg(
      `SLOs at ${rate} req/s`,
      `${run.slo.met}/${run.slo.checked} met`,
      run.slo.violated.length === 0 ? GREEN : RED,
    ),
    'stress-errors.svg': badgeSvg(
      'unexpected answers',
      `${run.unexpected} of ${run.requests}`,
      run.unexpected === 0 ? GREEN : RED,
    ),
  };
  if (evaluate)
    out['stress-evaluate-p95.svg'] = badgeSvg('evaluate p95', fmtMs(evaluate.p95), evaluate.p95 <= 100 ? GREEN : RED);
  if (analyses)
    out['stress-analyses-p99.svg'] = badgeSvg(
      'analysis p99 (1,000 rows)',
      fmtMs(analyses.p99),
      analyses.p99 <= 500 ? GREEN : RED,
    );
  return out;
}

import type { AlertReport, AlertSeen } from './alert-judge.ts';
import { NOT_JUDGED_IN_CALM } from './alert-judge.ts';

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

const ms = (v: number | null) => (v === null ? '—' : `${(v / 1000).toFixed(1)} s`);

const labelText = (labels: Record<string, string>) =>
  ['service', 'dependency', 'slo', 'severity', 'instance']
    .filter((k) => labels[k] !== undefined)
    .map((k) => `${k}=${labels[k]}`)
    .join(', ');

function row(phase: string, a: AlertSeen): string {
  return `<tr${a.expected ? ' class="pass"' : ''}><td>${esc(phase)}</td><td>${esc(a.alertname)}${a.expected ? ' (expected)' : ''}</td><td>${esc(labelText(a.labels))}</td><td>${ms(a.pending_after_ms)}</td><td>${ms(a.firing_after_ms)}</td><td>${a.inhibited && a.notified_after_ms === null ? 'inhibited' : ms(a.notified_after_ms)}</td><td>${ms(a.active_ms)}</td></tr>`;
}

/** The alerts section of the chaos report: per phase, what fired and how long after the phase began. */
export function renderAlertsHtml(report: AlertReport): string {
  const verdict =
    report.violations.length === 0
      ? '<p class="pass">Every expected alert fired and was notified; nothing judged fired in the calm phases.</p>'
      : `<ul class="fail">${report.violations.map((v) => `<li>${esc(v)}</li>`).join('')}</ul>`;
  const rows = report.phases
    .flatMap((p) =>
      p.started.length === 0
        ? [`<tr><td>${esc(p.phase)} (${p.role})</td><td colspan="6">none</td></tr>`]
        : p.started.map((a) => row(`${p.phase} (${p.role})`, a)),
    )
    .join('');
  const expected = report.phases
    .filter((p) => p.expected.length > 0)
    .map(
      (p) =>
        `<tr><td>${esc(p.phase)}</td><td>${p.expected.map((e) => `${esc(e.alertname)} {${esc(labelText(e.labels))}}: ${e.fired ? 'fired' : '<span class="fail">did not fire</span>'}`).join('<br>')}</td></tr>`,
    )
    .join('');
  return `<h2>Alerts</h2><p>${esc(report.setup)}. Prometheus polled ${report.polls} times.</p>
${verdict}
<h3>Expected per fault</h3><table><tr><th>phase</th><th>expected alerts</th></tr>${expected}</table>
<h3>Every alert that started, by phase</h3><p>Delays from the phase's start (the fault's injection): to pending, to firing (first poll that saw it, every 250 ms), to the first webhook notification.</p>
<table><tr><th>phase</th><th>alert</th><th>labels</th><th>pending</th><th>firing</th><th>notified</th><th>active for</th></tr>${rows}</table>
<p>Not judged in the calm phases (recorded above all the same): ${NOT_JUDGED_IN_CALM.map((n) => esc(n.reason)).join('; ')}.</p>`;
}

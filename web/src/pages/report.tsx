import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorOf } from '../api/client.ts';
import { HeatMap } from '../components/heat-map.tsx';
import { Drivers } from '../components/drivers.tsx';
import { RateChart } from '../components/rate-chart.tsx';
import { Badge, ErrorMessage, Loading } from '../components/status.tsx';
import { useApi } from '../components/use-api.ts';
import { count, dateTime, pct, pValue, ratio, signed } from '../logic/format.ts';
import { CHART_METRICS, chartSeries, disparityRows, intersection, singleAttributes } from '../logic/report-view.ts';
import type { AttributeReport, Report } from '../logic/types.ts';
import { orderVerdicts, plainVerdict, RISK_WORDS } from '../logic/verdict-words.ts';
import { useSession } from '../session-context.ts';

const EXPORTS = [
  { format: 'html', label: 'HTML', file: 'html' },
  { format: 'csv', label: 'CSV', file: 'csv' },
  { format: 'json', label: 'JSON', file: 'json' },
] as const;

function Exports({ id }: { id: string }) {
  const session = useSession();
  const [error, setError] = useState<unknown>(null);
  const download = async (format: string, extension: string) => {
    setError(null);
    try {
      const res = await session.request(`/v1/reports/${encodeURIComponent(id)}/export?format=${format}`);
      if (!res.ok) throw await errorOf(res);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `ethixai-report-${id}.${extension}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div class="toolbar no-print" role="group" aria-label="Export and print">
      {EXPORTS.map((e) => (
        <button type="button" key={e.format} onClick={() => void download(e.format, e.file)}>
          Export {e.label}
        </button>
      ))}
      <button type="button" onClick={() => print()}>
        Print
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}

function DisparityTable({ attribute }: { attribute: AttributeReport }) {
  const rows = disparityRows(attribute);
  const title = (metric: string) => CHART_METRICS.find((m) => m.metric === metric)?.title ?? metric;
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
      <table class="disparity">
        <caption>
          Disparities in {attribute.name}: each group against its reference, with Holm-adjusted significance
        </caption>
        <thead>
          <tr>
            <th scope="col">Rate</th>
            <th scope="col">Group</th>
            <th scope="col">Reference</th>
            <th scope="col">Group rate</th>
            <th scope="col">Reference rate</th>
            <th scope="col">Difference</th>
            <th scope="col">Ratio</th>
            <th scope="col">Significance</th>
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>{title(r.metric)}</td>
              <th scope="row">{r.group}</th>
              <td>{r.reference}</td>
              <td class="num">{pct(r.groupRate)}</td>
              <td class="num">{pct(r.referenceRate)}</td>
              <td class="num">{signed(r.difference)}</td>
              <td class="num">{ratio(r.ratio)}</td>
              <td>{r.pAdjusted === null ? '—' : `${pValue(r.pAdjusted)}${r.significant ? ' · significant' : ''}`}</td>
              <td>{r.small ? <Badge tone="warn">small group</Badge> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GroupTable({ attribute }: { attribute: AttributeReport }) {
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
      <table>
        <caption>
          Groups of {attribute.name} (reference: {attribute.reference.group ?? 'none'}, {attribute.reference.strategy})
        </caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">People</th>
            {CHART_METRICS.map((m) => (
              <th scope="col" key={m.metric}>
                {m.title}
              </th>
            ))}
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody>
          {attribute.groups.map((g) => (
            <tr key={g.key} data-group={g.key}>
              <th scope="row">{g.key}</th>
              <td class="num">{count(g.rows)}</td>
              {CHART_METRICS.map(({ metric }) => {
                const e = g.rates[metric];
                return (
                  <td class="num" key={metric} data-metric={metric}>
                    {pct(e.value)}
                    {e.value !== null && (
                      <span class="muted">
                        {' '}
                        ({pct(e.interval[0])}–{pct(e.interval[1])})
                      </span>
                    )}
                  </td>
                );
              })}
              <td>{g.small ? <Badge tone="warn">small group</Badge> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Attribute({ attribute, onDrawn }: { attribute: AttributeReport; onDrawn: () => void }) {
  const series = useMemo(
    () => CHART_METRICS.map((m) => ({ ...m, series: chartSeries(attribute, m.metric) })),
    [attribute],
  );
  return (
    <section class="attribute" aria-labelledby={`attr-${attribute.name}`}>
      <h2 id={`attr-${attribute.name}`}>{attribute.name}</h2>
      <p class="muted">
        Bars: the rate per group, with its 95% interval. Light bars are small groups: they never decide a verdict.
      </p>
      <div class="charts">
        {series.map((s) => (
          <RateChart key={s.metric} title={s.title} series={s.series} onDrawn={onDrawn} />
        ))}
      </div>
      <GroupTable attribute={attribute} />
      <DisparityTable attribute={attribute} />
    </section>
  );
}

export function ReportPage({ id }: { id: string }) {
  const { data, error, loading } = useApi<Report>(`/v1/reports/${encodeURIComponent(id)}`);
  const result = data?.result;
  const attributes = result ? singleAttributes(result) : [];
  const crossed = result ? intersection(result) : undefined;
  const expectedCharts = attributes.length * CHART_METRICS.length;
  const [drawn, setDrawn] = useState(0);
  const onDrawn = () => setDrawn((n) => n + 1);
  useEffect(() => {
    // The mark the performance note measures: verdicts, tables and every chart are on screen.
    if (result && drawn >= expectedCharts) performance.mark('report-ready');
  }, [result, drawn >= expectedCharts]);

  return (
    <article class="report">
      <h1 tabIndex={-1}>Fairness report</h1>
      {loading && <Loading what="the report" />}
      <ErrorMessage error={error} />
      {data && result && (
        <>
          <Exports id={data.id} />
          <section aria-labelledby="verdicts-title" class="card">
            <h2 id="verdicts-title">Verdicts</h2>
            <p class={`risk risk-${result.risk.level}`} data-testid="risk">
              <strong>{RISK_WORDS[result.risk.level]}</strong>
            </p>
            {result.risk.reasons.length > 0 && (
              <ul class="muted">
                {result.risk.reasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            )}
            {result.verdicts.length === 0 ? (
              <p>No criterion had a policy threshold, so there is no verdict.</p>
            ) : (
              <ul class="verdicts">
                {orderVerdicts(result.verdicts).map((v, i) => {
                  const words = plainVerdict(v);
                  return (
                    <li key={i} class={`verdict verdict-${v.status}`} data-status={v.status}>
                      <strong>{words.title}</strong>
                      <p>
                        {words.sentence} {words.certainty}
                      </p>
                    </li>
                  );
                })}
              </ul>
            )}
            <p class="muted">
              {count(data.rows)} rows audited ({count(result.provenance.includedRows)} included) ·{' '}
              {dateTime(data.createdAt)} · engine {data.engineVersion} · input {data.inputDigest}
            </p>
          </section>
          {attributes.map((a) => (
            <Attribute key={a.name} attribute={a} onDrawn={onDrawn} />
          ))}
          {crossed && <HeatMap attribute={crossed} overall={result.overall} />}
          <Drivers drivers={result.drivers} reason={result.driversReason} />
        </>
      )}
    </article>
  );
}

import { useState } from 'preact/hooks';
import { HistoryChart } from '../components/history-chart.tsx';
import { Badge, ErrorMessage, Loading } from '../components/status.tsx';
import { useApi } from '../components/use-api.ts';
import { dateTime, pct, pValue, ratio } from '../logic/format.ts';
import { historyRange } from '../logic/history-view.ts';
import type { Evaluation, EvaluationDetail, Model, ModelFairness } from '../logic/types.ts';
import type { FairnessHistory } from '../../../packages/contracts/src/models.ts';

function Assessment({ id }: { id: string }) {
  const { data, error, loading } = useApi<EvaluationDetail>(`/v1/evaluations/${encodeURIComponent(id)}`);
  if (loading) return <Loading what="the assessment" />;
  if (error) return <ErrorMessage error={error} />;
  if (!data) return null;
  return (
    <section class="card" aria-labelledby="assessment-title">
      <h3 id="assessment-title">Decision {data.decisionId}</h3>
      <p>
        <Badge tone={`risk-${data.risk.level}`}>{data.risk.level}</Badge> risk score {data.risk.score}/100 —{' '}
        {data.risk.recommendedAction}
      </p>
      <ul>
        {data.risk.rules.map((r) => (
          <li key={r.rule}>
            <strong>{r.rule}</strong> (+{r.points}): {r.detail}
          </li>
        ))}
      </ul>
      <dl class="pairs">
        <dt>Group</dt>
        <dd>{data.groupKey}</dd>
        <dt>Decision</dt>
        <dd>
          {data.prediction === 1 ? 'favourable' : 'unfavourable'}
          {data.score !== null ? ` (score ${data.score})` : ''}
        </dd>
        <dt>Outcome</dt>
        <dd>{data.outcome === null ? 'not known yet' : data.outcome}</dd>
        <dt>Decided</dt>
        <dd>{dateTime(data.decidedAt)}</dd>
        {Object.entries(data.features).map(([k, v]) => [
          <dt key={`k${k}`}>{k}</dt>,
          <dd key={`v${k}`}>{String(v)}</dd>,
        ])}
      </dl>
    </section>
  );
}

export function ModelPage({ id }: { id: string }) {
  const model = useApi<Model>(`/v1/models/${encodeURIComponent(id)}`);
  const fairness = useApi<ModelFairness>(`/v1/models/${encodeURIComponent(id)}/fairness`);
  const [range] = useState(() => historyRange(Date.now(), 7));
  const history = useApi<FairnessHistory>(
    `/v1/models/${encodeURIComponent(id)}/fairness/history?from=${range.from}&to=${range.to}`,
  );
  const high = useApi<{ items: Evaluation[] }>(
    `/v1/evaluations?modelId=${encodeURIComponent(id)}&riskLevel=high&limit=20`,
  );
  const critical = useApi<{ items: Evaluation[] }>(
    `/v1/evaluations?modelId=${encodeURIComponent(id)}&riskLevel=critical&limit=20`,
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const risky = [...(critical.data?.items ?? []), ...(high.data?.items ?? [])]
    .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt))
    .slice(0, 20);

  return (
    <section>
      <h1 tabIndex={-1}>{model.data ? `Model: ${model.data.name}` : 'Model'}</h1>
      <ErrorMessage error={model.error} />
      {model.data && (
        <p>
          {model.data.intendedUse} · owner {model.data.owner} · versions {model.data.versions.join(', ')}
        </p>
      )}
      <h2>Live fairness now</h2>
      {fairness.loading && <Loading what="the live window" />}
      <ErrorMessage error={fairness.error} />
      {fairness.data && (
        <>
          <p>
            Version {fairness.data.modelVersion}: {fairness.data.window.decisions} decisions from{' '}
            {dateTime(fairness.data.window.from)} to {dateTime(fairness.data.window.to)} —{' '}
            <Badge tone={fairness.data.verdict}>{fairness.data.verdict.replace('_', ' ')}</Badge>
          </p>
          <ul class="verdicts">
            {fairness.data.verdicts.map((v) => (
              <li key={v.metric} class={`verdict verdict-${v.status}`}>
                <strong>
                  {v.metric.replace(/_/g, ' ')}: {ratio(v.value)}
                </strong>{' '}
                against the policy's {v.threshold} ({pValue(v.pValue)})
                {v.flaggedGroups.length > 0 ? ` — disadvantaged: ${v.flaggedGroups.join(', ')}` : ''}
              </li>
            ))}
          </ul>
          <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
            <table>
              <caption>Groups in the live window</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Decisions</th>
                  <th scope="col">Selection rate</th>
                  <th scope="col">With outcome</th>
                  <th scope="col">TPR</th>
                </tr>
              </thead>
              <tbody>
                {fairness.data.groups.map((g) => (
                  <tr key={g.groupKey}>
                    <th scope="row">
                      {g.groupKey} {g.small && <Badge tone="warn">small</Badge>}
                    </th>
                    <td class="num">{g.decisions}</td>
                    <td class="num">{pct(g.selectionRate.value)}</td>
                    <td class="num">{g.withOutcome}</td>
                    <td class="num">{pct(g.errorRates?.tpr.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h2>Live fairness over the last 7 days</h2>
      <ErrorMessage error={history.error} />
      {history.data && <HistoryChart history={history.data} />}
      <h2>Recent high-risk decisions</h2>
      <ErrorMessage error={high.error ?? critical.error} />
      {risky.length === 0 ? (
        <p>No high or critical risk decisions.</p>
      ) : (
        <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
          <table>
            <caption>Choose a decision to see its assessment</caption>
            <thead>
              <tr>
                <th scope="col">Decided</th>
                <th scope="col">Decision id</th>
                <th scope="col">Group</th>
                <th scope="col">Risk</th>
              </tr>
            </thead>
            <tbody>
              {risky.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime(e.decidedAt)}</td>
                  <td>
                    <button type="button" class="link" onClick={() => setChosen(e.id)}>
                      {e.decisionId}
                    </button>
                  </td>
                  <td>{e.groupKey}</td>
                  <td>
                    <Badge tone={`risk-${e.risk.level}`}>
                      {e.risk.level} ({e.risk.score})
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen && <Assessment id={chosen} />}
    </section>
  );
}

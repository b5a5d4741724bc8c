import { Link } from '../components/link.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { useApi } from '../components/use-api.ts';
import type { Model } from '../logic/types.ts';

export function Models() {
  const list = useApi<{ items: Model[]; total: number }>('/v1/models?limit=200');
  return (
    <section>
      <h1 tabIndex={-1}>Monitored models</h1>
      {list.loading && <Loading what="models" />}
      <ErrorMessage error={list.error} />
      {list.data &&
        (list.data.items.length === 0 ? (
          <p>
            No model is monitored yet. Register one through the API (POST /v1/models), then send its decisions to POST
            /v1/evaluate.
          </p>
        ) : (
          <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
            <table>
              <caption>Models whose live decisions are monitored</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Versions</th>
                  <th scope="col">Policy</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/models/${m.id}`}>{m.name}</Link>
                    </td>
                    <td>{m.owner}</td>
                    <td>{m.versions.join(', ')}</td>
                    <td>{m.policy.metrics.map((x) => `${x.metric.replace(/_/g, ' ')} ${x.threshold}`).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

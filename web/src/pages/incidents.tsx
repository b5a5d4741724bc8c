import { useState } from 'preact/hooks';
import { errorOf } from '../api/client.ts';
import { Badge, ErrorMessage, Loading } from '../components/status.tsx';
import { useApi } from '../components/use-api.ts';
import { dateTime } from '../logic/format.ts';
import { safeHttpUrl } from '../logic/links.ts';
import { roleAtLeast } from '../logic/nav.ts';
import type { Incident } from '../logic/types.ts';
import { useSession } from '../session-context.ts';

export function Incidents() {
  const session = useSession();
  const list = useApi<{ items: Incident[]; total: number }>('/v1/incidents?limit=500');
  const [tab, setTab] = useState<'open' | 'resolved'>('open');
  const [error, setError] = useState<unknown>(null);
  const canAct = session.me !== null && roleAtLeast(session.me.role, 'analyst');
  const shown = (list.data?.items ?? []).filter((i) =>
    tab === 'open' ? i.status !== 'resolved' : i.status === 'resolved',
  );

  const act = async (id: string, action: 'acknowledge' | 'resolve') => {
    setError(null);
    const res = await session.request(`/v1/incidents/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
    if (!res.ok) setError(await errorOf(res));
    list.reload();
  };

  return (
    <section>
      <h1 tabIndex={-1}>Incidents</h1>
      <div class="toolbar" role="group" aria-label="Which incidents">
        <button type="button" aria-pressed={tab === 'open'} onClick={() => setTab('open')}>
          Open
        </button>
        <button type="button" aria-pressed={tab === 'resolved'} onClick={() => setTab('resolved')}>
          Resolved
        </button>
      </div>
      {list.loading && <Loading what="incidents" />}
      <ErrorMessage error={list.error ?? error} />
      {list.data &&
        (shown.length === 0 ? (
          <p>No {tab} incidents.</p>
        ) : (
          <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
            <table>
              <caption>
                {tab === 'open' ? 'Open and acknowledged' : 'Resolved'} incidents, most recently seen first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Alert</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Status</th>
                  <th scope="col">Summary</th>
                  <th scope="col">Last seen</th>
                  <th scope="col">Runbook</th>
                  {canAct && tab === 'open' && <th scope="col">Action</th>}
                </tr>
              </thead>
              <tbody>
                {shown.map((i) => {
                  const runbook = safeHttpUrl(i.annotations.runbook_url);
                  return (
                    <tr key={i.id}>
                      <th scope="row">{i.alertname}</th>
                      <td>
                        <Badge tone={i.severity === 'critical' ? 'fail' : 'warn'}>{i.severity}</Badge>
                      </td>
                      <td>
                        {i.status}
                        {i.occurrences > 1 ? ` (${i.occurrences}×)` : ''}
                      </td>
                      <td>{i.summary}</td>
                      <td>{dateTime(i.lastSeenAt)}</td>
                      <td>
                        {runbook ? (
                          <a href={runbook} rel="noopener noreferrer" target="_blank">
                            Runbook for {i.alertname}
                          </a>
                        ) : (
                          '—'
                        )}
                      </td>
                      {canAct && tab === 'open' && (
                        <td>
                          {i.status === 'open' && (
                            <button type="button" onClick={() => void act(i.id, 'acknowledge')}>
                              Acknowledge
                            </button>
                          )}
                          <button type="button" onClick={() => void act(i.id, 'resolve')}>
                            Resolve
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

import { Link } from '../components/link.tsx';
import { Badge, ErrorMessage, Loading } from '../components/status.tsx';
import { useApi } from '../components/use-api.ts';
import { count, dateTime } from '../logic/format.ts';
import type { Page, ReportSummary } from '../logic/types.ts';

const VERDICT_WORDS = { pass: 'Passes', warn: 'Needs review', fail: 'Fails', none: 'No verdict' } as const;

export function Reports() {
  const list = useApi<Page<ReportSummary>>('/v1/reports?limit=100');
  return (
    <section>
      <h1 tabIndex={-1}>Reports</h1>
      {list.loading && <Loading what="reports" />}
      <ErrorMessage error={list.error} />
      {list.data &&
        (list.data.items.length === 0 ? (
          <p>No reports yet. An analyst creates one from a dataset.</p>
        ) : (
          <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
            <table>
              <caption>Fairness reports, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Risk</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Report</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id}>
                    <td>{dateTime(r.createdAt)}</td>
                    <td>
                      <Badge tone={r.verdict}>{VERDICT_WORDS[r.verdict]}</Badge>
                    </td>
                    <td>
                      <Badge tone={`risk-${r.riskLevel}`}>{r.riskLevel}</Badge>
                    </td>
                    <td class="num">{count(r.rows)}</td>
                    <td>
                      <Link to={`/reports/${r.id}`}>Open report</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

import { Link } from '../components/link.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { useApi } from '../components/use-api.ts';
import { bytes, count, dateTime } from '../logic/format.ts';
import type { ColumnProfile, DatasetDetail } from '../logic/types.ts';

function values(profile: ColumnProfile): string {
  if (profile.values === null)
    return `more than 200 distinct${profile.min !== null ? `; ${profile.min} to ${profile.max}` : ''}`;
  const shown = profile.values
    .slice(0, 5)
    .map((v) => `${v.value} (${count(v.count)})`)
    .join(', ');
  return profile.values.length > 5 ? `${shown}, … ${profile.values.length} in all` : shown;
}

export function DatasetPage({ id, canAnalyse }: { id: string; canAnalyse: boolean }) {
  const { data, error, loading } = useApi<DatasetDetail>(`/v1/datasets/${encodeURIComponent(id)}`);
  const types = new Map((data?.profile ?? []).map((p) => [p.name, p.type]));
  return (
    <section>
      <h1 tabIndex={-1}>{data ? `Dataset: ${data.name}` : 'Dataset'}</h1>
      {loading && <Loading what="the dataset" />}
      <ErrorMessage error={error} />
      {data && (
        <>
          <p>
            {count(data.rows)} rows, {data.columns.length} columns, {bytes(data.bytes)}; uploaded{' '}
            {dateTime(data.createdAt)}. SHA-256 <code>{data.sha256.slice(0, 16)}…</code>
          </p>
          {canAnalyse && (
            <p>
              <Link class="button primary" to={`/analyses/new?dataset=${data.id}`}>
                Analyse this dataset
              </Link>
            </p>
          )}
          <h2>Preview: the header and the first {data.preview.length} rows</h2>
          <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
            <table class="preview">
              <caption>Detected column types are shown under each name</caption>
              <thead>
                <tr>
                  {data.columns.map((c, i) => (
                    <th scope="col" key={i}>
                      {c}
                      <br />
                      <span class="type">{types.get(c) ?? 'not profiled'}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.preview.map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, c) => (
                      <td key={c}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Columns</h2>
          {data.profile === null ? (
            <p>
              This dataset was uploaded before column profiles were recorded: upload it again to see types and values.
            </p>
          ) : (
            <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
              <table>
                <caption>Type, missing cells and the most frequent values of each column</caption>
                <thead>
                  <tr>
                    <th scope="col">Column</th>
                    <th scope="col">Type</th>
                    <th scope="col">Missing</th>
                    <th scope="col">Values (count)</th>
                  </tr>
                </thead>
                <tbody>
                  {data.profile.map((p) => (
                    <tr key={p.name}>
                      <th scope="row">{p.name}</th>
                      <td>{p.type}</td>
                      <td class="num">{count(p.missing)}</td>
                      <td>{values(p)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

import { useState } from 'preact/hooks';
import { uploadDataset } from '../api/upload.ts';
import { Link } from '../components/link.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { useApi } from '../components/use-api.ts';
import { bytes, count, dateTime } from '../logic/format.ts';
import type { Dataset, Page } from '../logic/types.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session-context.ts';

function Upload() {
  const session = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (file === null) {
      setError(new Error('Choose a CSV file to upload.'));
      return;
    }
    setError(null);
    setProgress(0);
    try {
      const dataset = await uploadDataset(session, file, name.trim() || file.name, setProgress);
      navigate(`/datasets/${dataset.id}`);
    } catch (e) {
      setError(e);
      setProgress(null);
    }
  };

  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="upload-title">
      <h2 id="upload-title">Upload a dataset</h2>
      <p class="muted">
        A CSV file in UTF-8 with a header row: the model's decisions, the true outcomes and the people's attributes.
      </p>
      <label for="file">CSV file</label>
      <input
        id="file"
        type="file"
        accept=".csv,text/csv"
        onChange={(e) => {
          const chosen = e.currentTarget.files?.[0] ?? null;
          setFile(chosen);
          if (chosen && name === '') setName(chosen.name.replace(/\.csv$/i, ''));
        }}
      />
      <label for="dataset-name">Name</label>
      <input
        id="dataset-name"
        type="text"
        maxLength={200}
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      {progress !== null && (
        <div>
          <label for="upload-progress">Uploading {file?.name}</label>
          <progress id="upload-progress" max={1} value={progress}>
            {Math.round(progress * 100)}%
          </progress>
          <span class="muted">
            {' '}
            {Math.round(progress * 100)}%{progress >= 1 ? ' — checking the file…' : ''}
          </span>
        </div>
      )}
      <ErrorMessage error={error} />
      <button type="submit" class="primary" disabled={progress !== null}>
        Upload
      </button>
    </form>
  );
}

export function Datasets({ canUpload }: { canUpload: boolean }) {
  const list = useApi<Page<Dataset>>('/v1/datasets?limit=100');
  return (
    <section>
      <h1 tabIndex={-1}>Datasets</h1>
      {canUpload && <Upload />}
      {list.loading && <Loading what="datasets" />}
      <ErrorMessage error={list.error} />
      {list.data &&
        (list.data.items.length === 0 ? (
          <p>No datasets yet.</p>
        ) : (
          <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
            <table>
              <caption>Uploaded datasets, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Columns</th>
                  <th scope="col">Size</th>
                  <th scope="col">Uploaded</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <Link to={`/datasets/${d.id}`}>{d.name}</Link>
                    </td>
                    <td class="num">{count(d.rows)}</td>
                    <td class="num">{d.columns.length}</td>
                    <td class="num">{bytes(d.bytes)}</td>
                    <td>{dateTime(d.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage } from '../components/status.tsx';
import type { Job } from '../logic/types.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session-context.ts';

/** An analysis running as a job: its progress, then the report. */
export function JobPage({ id }: { id: string }) {
  const session = useSession();
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    const poll = async () => {
      try {
        const current = await session.json<Job>(`/v1/jobs/${encodeURIComponent(id)}`);
        if (!live) return;
        setJob(current);
        if (current.status === 'succeeded' && current.reportId) navigate(`/reports/${current.reportId}`, true);
        else if (current.status === 'queued' || current.status === 'running') setTimeout(poll, 500);
      } catch (e) {
        if (live) setError(e);
      }
    };
    void poll();
    return () => {
      live = false;
    };
  }, [id]);
  return (
    <section>
      <h1 tabIndex={-1}>Analysis running</h1>
      {job && (
        <>
          <label for="job-progress">Status: {job.status}</label>
          <progress id="job-progress" max={1} value={job.progress}>
            {Math.round(job.progress * 100)}%
          </progress>
          {job.error && (
            <p class="error" role="alert">
              The analysis failed: {job.error.message} ({job.error.code})
            </p>
          )}
          {job.status === 'cancelled' && <p>The analysis was cancelled.</p>}
        </>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}

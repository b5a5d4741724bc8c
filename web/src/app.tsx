import { useEffect, useState } from 'preact/hooks';
import type { Session } from './api/session.ts';
import { Link } from './components/link.tsx';
import { Loading } from './components/status.tsx';
import { navFor, roleAtLeast } from './logic/nav.ts';
import type { Me } from './logic/types.ts';
import { match, navigate, usePath } from './router.ts';
import { SessionContext } from './session-context.ts';
import { SignIn } from './pages/sign-in.tsx';
import { Datasets } from './pages/datasets.tsx';
import { DatasetPage } from './pages/dataset.tsx';
import { NewAnalysis } from './pages/new-analysis.tsx';
import { JobPage } from './pages/job.tsx';
import { Reports } from './pages/reports.tsx';
import { ReportPage } from './pages/report.tsx';
import { Models } from './pages/models.tsx';
import { ModelPage } from './pages/model.tsx';
import { Incidents } from './pages/incidents.tsx';
import { Admin } from './pages/admin.tsx';

function Page({ path, me }: { path: string; me: Me }) {
  let params: Record<string, string> | null;
  if (path === '/' || path === '/reports') return <Reports />;
  if ((params = match('/reports/:id', path))) return <ReportPage id={params.id} />;
  if (path === '/datasets') return <Datasets canUpload={roleAtLeast(me.role, 'analyst')} />;
  if ((params = match('/datasets/:id', path)))
    return <DatasetPage id={params.id} canAnalyse={roleAtLeast(me.role, 'analyst')} />;
  if (path === '/analyses/new' && roleAtLeast(me.role, 'analyst')) return <NewAnalysis />;
  if ((params = match('/jobs/:id', path))) return <JobPage id={params.id} />;
  if (path === '/models') return <Models />;
  if ((params = match('/models/:id', path))) return <ModelPage id={params.id} />;
  if (path === '/incidents') return <Incidents />;
  if (path === '/admin' && roleAtLeast(me.role, 'admin')) return <Admin me={me} />;
  return (
    <section>
      <h1>Not found</h1>
      <p>There is no page at this address, or your role does not give access to it.</p>
    </section>
  );
}

export function App({ session }: { session: Session }) {
  const path = usePath();
  const [me, setMe] = useState<Me | null>(null);
  const [resuming, setResuming] = useState(true);

  useEffect(() => {
    const off = session.onChange(setMe);
    session
      .resume()
      .then(
        (resumed) => setMe(resumed),
        () => setMe(null),
      )
      .finally(() => setResuming(false));
    return off;
  }, []);

  // Move focus to the page's heading on navigation, so keyboard and screen-reader users land on it.
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [path, me]);

  if (resuming)
    return (
      <main id="main">
        <Loading what="your session" />
      </main>
    );

  return (
    <SessionContext.Provider value={session}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">EthixAI</span>
        {me && (
          <nav aria-label="Main">
            <ul>
              {navFor(me.role).map((item) => (
                <li key={item.path}>
                  <Link to={item.path} current={path === item.path || path.startsWith(`${item.path}/`)}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {me && (
          <div class="who">
            <span>
              {me.email ?? me.id} · <span data-testid="role">{me.role}</span>
            </span>
            <button type="button" onClick={() => void session.signOut().then(() => navigate('/', true))}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main">{me ? <Page path={path} me={me} /> : <SignIn onSignedIn={setMe} />}</main>
    </SessionContext.Provider>
  );
}

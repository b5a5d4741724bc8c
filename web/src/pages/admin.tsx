import { useState } from 'preact/hooks';
import { errorOf } from '../api/client.ts';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { useApi } from '../components/use-api.ts';
import { dateTime } from '../logic/format.ts';
import type { ApiKey, CreatedApiKey, CreatedUser, Me, Role, User } from '../logic/types.ts';
import { useSession } from '../session-context.ts';

const ROLES: Role[] = ['viewer', 'analyst', 'admin'];

function Secret({ label, value }: { label: string; value: string }) {
  return (
    <div class="card secret" role="status">
      <p>
        <strong>{label}</strong> It is shown once: copy it now.
      </p>
      <code>{value}</code>
    </div>
  );
}

function Users({ me }: { me: Me }) {
  const session = useSession();
  const users = useApi<{ items: User[] }>('/v1/users?limit=200');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const [error, setError] = useState<unknown>(null);

  const call = async (path: string, init: RequestInit) => {
    setError(null);
    const res = await session.request(path, init);
    if (!res.ok) {
      setError(await errorOf(res));
      return null;
    }
    users.reload();
    return res;
  };
  const create = async (event: Event) => {
    event.preventDefault();
    const res = await call('/v1/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: email.trim(), ...(name.trim() ? { name: name.trim() } : {}), role }),
    });
    if (res) {
      setCreated((await res.json()) as CreatedUser);
      setEmail('');
      setName('');
    }
  };

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users and roles</h2>
      <form class="card inline-form" onSubmit={create}>
        <label for="new-email">Email</label>
        <input id="new-email" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="new-name">Name</label>
        <input id="new-name" type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="new-role">Role</label>
        <select id="new-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <button type="submit" class="primary">
          Add user
        </button>
      </form>
      {created?.initialPassword && (
        <Secret label={`Initial password for ${created.user.email}.`} value={created.initialPassword} />
      )}
      <ErrorMessage error={users.error ?? error} />
      {users.loading && <Loading what="users" />}
      {users.data && (
        <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
          <table>
            <caption>Users of the organisation</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.email}</th>
                  <td>{u.name}</td>
                  <td>
                    <label class="visually-hidden" for={`role-${u.id}`}>
                      Role of {u.email}
                    </label>
                    <select
                      id={`role-${u.id}`}
                      value={u.role}
                      disabled={!u.active || u.id === me.id}
                      onChange={(e) =>
                        void call(`/v1/users/${u.id}`, {
                          method: 'PATCH',
                          headers: { 'content-type': 'application/json' },
                          body: JSON.stringify({ role: e.currentTarget.value }),
                        })
                      }
                    >
                      {ROLES.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </select>
                  </td>
                  <td>{u.active ? 'active' : `deactivated ${u.deactivatedAt ? dateTime(u.deactivatedAt) : ''}`}</td>
                  <td>
                    {u.active && u.id !== me.id && (
                      <button
                        type="button"
                        onClick={() => void call(`/v1/users/${u.id}/deactivate`, { method: 'POST' })}
                      >
                        Deactivate
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ApiKeys() {
  const session = useSession();
  const keys = useApi<{ items: ApiKey[] }>('/v1/api-keys');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [error, setError] = useState<unknown>(null);

  const create = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const res = await session.request('/v1/api-keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: name.trim(), role }),
    });
    if (!res.ok) return setError(await errorOf(res));
    setCreated((await res.json()) as CreatedApiKey);
    setName('');
    keys.reload();
  };
  const revoke = async (id: string) => {
    setError(null);
    const res = await session.request(`/v1/api-keys/${id}`, { method: 'DELETE' });
    if (!res.ok) setError(await errorOf(res));
    keys.reload();
  };

  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <form class="card inline-form" onSubmit={create}>
        <label for="key-name">Name</label>
        <input
          id="key-name"
          type="text"
          required
          maxLength={200}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <label for="key-role">Role</label>
        <select id="key-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <button type="submit" class="primary">
          Create key
        </button>
      </form>
      {created && <Secret label={`API key "${created.apiKey.name}".`} value={created.secret} />}
      <ErrorMessage error={keys.error ?? error} />
      {keys.data && (
        <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
          <table>
            <caption>API keys of the organisation (the secret is never shown again)</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Role</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.items.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td>
                    <code>{k.prefix}</code>
                  </td>
                  <td>{k.role}</td>
                  <td>{k.lastUsedAt ? dateTime(k.lastUsedAt) : 'never'}</td>
                  <td>
                    {k.revokedAt ? (
                      `revoked ${dateTime(k.revokedAt)}`
                    ) : (
                      <button type="button" onClick={() => void revoke(k.id)}>
                        Revoke {k.name}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function Admin({ me }: { me: Me }) {
  return (
    <section>
      <h1 tabIndex={-1}>Administration</h1>
      <Users me={me} />
      <ApiKeys />
    </section>
  );
}

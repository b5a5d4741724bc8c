import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Session } from '../../src/api/session.ts';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
}

/** A fake backend: the session endpoints with rotating tokens, and /v1/auth/me and /v1/data that want a current bearer. */
function fakeBackend() {
  const calls: Call[] = [];
  let generation = 0;
  let current = '';
  let refreshOk = true;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const issue = () => {
    generation++;
    current = `access-${generation}`;
    return json(200, { tokenType: 'Bearer', accessToken: current, expiresIn: 900, csrfToken: `csrf-${generation}` });
  };
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const headers = (init.headers ?? {}) as Record<string, string>;
    calls.push({ url, method: init.method ?? 'GET', headers });
    if (url === '/v1/auth/session' && init.method === 'POST') return issue();
    if (url === '/v1/auth/session/refresh')
      return refreshOk && headers['x-csrf-token']?.startsWith('csrf-')
        ? issue()
        : json(401, { statusCode: 401, code: 'BE_ERR_REFRESH_INVALID', error: 'Unauthorized', message: 'no' });
    if (url === '/v1/auth/session' && init.method === 'DELETE') return new Response(null, { status: 204 });
    if (headers.authorization !== `Bearer ${current}`)
      return json(401, { statusCode: 401, code: 'BE_ERR_TOKEN_EXPIRED', error: 'Unauthorized', message: 'expired' });
    if (url === '/v1/auth/me')
      return json(200, { kind: 'user', id: 'u1', orgId: 'o1', role: 'analyst', email: 'a@b.test' });
    return json(200, { ok: true });
  }) as typeof fetch;
  return {
    calls,
    fetchImpl,
    expire: () => {
      current = 'expired-on-the-server';
    },
    refuseRefresh: () => {
      refreshOk = false;
    },
  };
}

describe('the browser session', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('signs in with the cookie endpoint, keeps the access token in memory and loads who the user is', async () => {
    const backend = fakeBackend();
    const session = new Session(backend.fetchImpl, () => '');
    const me = await session.signIn('a@b.test', 'pw');
    expect(me.role).toBe('analyst');
    expect(session.signedIn).toBe(true);
    expect(backend.calls[0]).toMatchObject({ url: '/v1/auth/session', method: 'POST' });
    expect(backend.calls[1].headers.authorization).toBe('Bearer access-1');
  });

  it('refreshes once on a 401, with the CSRF token, and retries; concurrent callers share that refresh', async () => {
    const backend = fakeBackend();
    const session = new Session(backend.fetchImpl, () => '');
    await session.signIn('a@b.test', 'pw');
    backend.expire();
    const [a, b] = await Promise.all([session.json('/v1/data'), session.json('/v1/data')]);
    expect([a, b]).toEqual([{ ok: true }, { ok: true }]);
    const refreshes = backend.calls.filter((c) => c.url === '/v1/auth/session/refresh');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0].headers['x-csrf-token']).toBe('csrf-1');
  });

  it('resumes after a reload from the readable CSRF cookie, and not at all without it', async () => {
    const backend = fakeBackend();
    expect(await new Session(backend.fetchImpl, () => 'other=1').resume()).toBeNull();
    expect(backend.calls).toHaveLength(0);
    const me = await new Session(backend.fetchImpl, () => 'other=1; __Host-ethixai-csrf=csrf-0').resume();
    expect(me?.id).toBe('u1');
    expect(backend.calls[0].headers['x-csrf-token']).toBe('csrf-0');
  });

  it('refreshes a minute before the access token expires', async () => {
    const backend = fakeBackend();
    const session = new Session(backend.fetchImpl, () => '');
    await session.signIn('a@b.test', 'pw');
    await vi.advanceTimersByTimeAsync(839_000);
    expect(backend.calls.some((c) => c.url === '/v1/auth/session/refresh')).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(backend.calls.filter((c) => c.url === '/v1/auth/session/refresh')).toHaveLength(1);
  });

  it('signs out when the session cannot be refreshed, and tells its listeners', async () => {
    const backend = fakeBackend();
    const session = new Session(backend.fetchImpl, () => '');
    const seen: unknown[] = [];
    session.onChange((me) => seen.push(me?.id ?? null));
    await session.signIn('a@b.test', 'pw');
    backend.expire();
    backend.refuseRefresh();
    const res = await session.request('/v1/data');
    expect(res.status).toBe(401);
    expect(session.signedIn).toBe(false);
    expect(seen).toEqual(['u1', null]);
  });

  it('signs out with the CSRF token and forgets the token even when the server is unreachable', async () => {
    const backend = fakeBackend();
    const session = new Session(backend.fetchImpl, () => '');
    await session.signIn('a@b.test', 'pw');
    await session.signOut();
    expect(backend.calls.at(-1)).toMatchObject({
      url: '/v1/auth/session',
      method: 'DELETE',
      headers: { 'x-csrf-token': 'csrf-1' },
    });
    expect(session.signedIn).toBe(false);

    const broken = new Session(
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        if (init?.method === 'DELETE') throw new TypeError('network down');
        return backend.fetchImpl(input, init);
      }) as typeof fetch,
      () => '',
    );
    await broken.signIn('a@b.test', 'pw');
    await expect(broken.signOut()).rejects.toThrow('network down');
    expect(broken.signedIn).toBe(false);
  });
});

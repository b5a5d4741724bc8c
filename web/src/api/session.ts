import { readCookie } from '../logic/cookies.ts';
import type { Me } from '../logic/types.ts';
import { ApiError, errorOf } from './client.ts';

/**
 * The signed-in session. The access token lives in this object only (never in storage); the
 * refresh token is an httpOnly cookie the page cannot read. Refresh sends the CSRF token (from
 * the last response, or after a reload from its readable cookie). A 401 on an API call triggers
 * one refresh (shared by concurrent callers) and one retry; a timer refreshes before expiry.
 */
export const CSRF_COOKIE = '__Host-ethixai-csrf';
const SESSION = '/v1/auth/session';

interface SessionBody {
  accessToken: string;
  expiresIn: number;
  csrfToken: string;
}

export type Listener = (me: Me | null) => void;

export class Session {
  private accessToken: string | null = null;
  private csrfToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Set<Listener>();
  me: Me | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly cookies: () => string;

  constructor(fetchImpl: typeof fetch = (...args) => fetch(...args), cookies: () => string = () => document.cookie) {
    this.fetchImpl = fetchImpl;
    this.cookies = cookies;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.me);
  }

  async signIn(email: string, password: string): Promise<Me> {
    const res = await this.fetchImpl(SESSION, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw await errorOf(res);
    this.accept((await res.json()) as SessionBody);
    return this.loadMe();
  }

  /** On page load: a session cookie from before the reload, if it is still valid. */
  async resume(): Promise<Me | null> {
    if ((this.csrfToken ?? readCookie(this.cookies(), CSRF_COOKIE)) === undefined) return null;
    return (await this.refresh()) ? this.loadMe() : null;
  }

  /** One refresh at a time; true when a new access token was obtained. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    const csrf = this.csrfToken ?? readCookie(this.cookies(), CSRF_COOKIE);
    if (csrf === undefined) return false;
    const res = await this.fetchImpl(`${SESSION}/refresh`, {
      method: 'POST',
      headers: { 'x-csrf-token': csrf },
      credentials: 'same-origin',
    });
    if (!res.ok) {
      this.clear();
      return false;
    }
    this.accept((await res.json()) as SessionBody);
    return true;
  }

  async signOut(): Promise<void> {
    const csrf = this.csrfToken ?? readCookie(this.cookies(), CSRF_COOKIE);
    try {
      if (csrf !== undefined)
        await this.fetchImpl(SESSION, {
          method: 'DELETE',
          headers: { 'x-csrf-token': csrf },
          credentials: 'same-origin',
        });
    } finally {
      this.clear();
    }
  }

  /** An authenticated request; refreshes once on 401 and retries. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const send = () =>
      this.fetchImpl(path, { ...init, headers: { ...(init.headers as Record<string, string>), ...this.authHeader() } });
    let res = await send();
    if (res.status === 401 && (await this.refresh())) res = await send();
    if (res.status === 401) {
      this.clear();
    }
    return res;
  }

  async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await this.request(path, init);
    if (!res.ok) throw await errorOf(res);
    return (await res.json()) as T;
  }

  authHeader(): Record<string, string> {
    return this.accessToken === null ? {} : { authorization: `Bearer ${this.accessToken}` };
  }

  get signedIn(): boolean {
    return this.accessToken !== null;
  }

  private accept(body: SessionBody): void {
    this.accessToken = body.accessToken;
    this.csrfToken = body.csrfToken;
    if (this.timer !== null) clearTimeout(this.timer);
    // Refresh a minute before expiry (at least 10 s ahead of it).
    const ahead = Math.max(10, body.expiresIn - 60) * 1000;
    this.timer = setTimeout(() => void this.refresh(), ahead);
  }

  private async loadMe(): Promise<Me> {
    const me = await this.json<Me>('/v1/auth/me');
    this.me = me;
    this.emit();
    return me;
  }

  private clear(): void {
    const had = this.me !== null || this.accessToken !== null;
    this.accessToken = null;
    this.csrfToken = null;
    this.me = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (had) this.emit();
  }
}

export { ApiError };

import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/**
 * How the round-1 fixture talks to a backend, shared by the script that wrote the fixture
 * (make-fixture.ts) and the upgrade test that reads it back, so both record a response alike.
 * Only the public HTTP API is used: login, `Authorization: Bearer` and `ApiKey` credentials.
 */
export type Who = 'admin' | 'analyst' | 'viewer' | 'apiKey' | 'revokedKey' | 'anonymous';

export interface Login {
  email: string;
  password: string;
}

/** Test-only credentials stored beside the fixture; they open nothing but the fixture itself. */
export interface FixtureCredentials {
  admin: Login;
  analyst: Login;
  viewer: Login;
  /** Deactivated after the fixture's story: logging in must keep failing. */
  departed: Login;
  apiKey: string;
  revokedKey: string;
}

/** One request and what it answered: JSON, CSV text, or the error code. */
export interface RecordedRead {
  who: Who;
  method: 'GET' | 'POST';
  url: string;
  payload?: Record<string, unknown>;
  /** The reads that append an audit entry (report exports) come after the audit-log reads. */
  appendsAudit?: boolean;
  /** The instant the read was answered at, for answers relative to "now" (the live window). */
  clock?: string;
  status: number;
  json?: unknown;
  csv?: string;
  code?: string;
}

export type ReadRequest = Pick<RecordedRead, 'who' | 'method' | 'url' | 'payload' | 'appendsAudit'>;
export type ReadAnswer = Pick<RecordedRead, 'status' | 'json' | 'csv' | 'code'>;

export interface FixtureClient {
  as(who: Who, opts: InjectOptions): Promise<LightMyRequestResponse>;
  read(request: ReadRequest): Promise<ReadAnswer>;
}

export function fixtureClient(app: FastifyInstance, credentials: () => FixtureCredentials): FixtureClient {
  const tokens = new Map<Who, string>();

  async function authorization(who: Who): Promise<string | undefined> {
    if (who === 'anonymous') return undefined;
    if (who === 'apiKey' || who === 'revokedKey') return `ApiKey ${credentials()[who]}`;
    let token = tokens.get(who);
    if (token === undefined) {
      const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { ...credentials()[who] } });
      if (res.statusCode !== 200) throw new Error(`login as ${who} failed: ${res.statusCode} ${res.body}`);
      token = res.json().accessToken as string;
      tokens.set(who, token);
    }
    return `Bearer ${token}`;
  }

  async function as(who: Who, opts: InjectOptions): Promise<LightMyRequestResponse> {
    const auth = await authorization(who);
    return app.inject({ ...opts, headers: { ...opts.headers, ...(auth === undefined ? {} : { authorization: auth }) } });
  }

  return {
    as,
    async read(request) {
      const res = await as(request.who, { method: request.method, url: request.url, ...(request.payload ? { payload: request.payload } : {}) });
      if (res.statusCode >= 400) return { status: res.statusCode, code: res.json().code };
      if (String(res.headers['content-type']).startsWith('text/csv')) return { status: res.statusCode, csv: res.body };
      return { status: res.statusCode, json: res.json() };
    },
  };
}

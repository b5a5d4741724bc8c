/** A thin fetch wrapper for the tests: status, headers and the exact body bytes of each answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Buffer;
  readonly text: string;
  json<T = any>(): T;
}

export interface CallOptions {
  readonly token?: string;
  readonly json?: unknown;
  readonly body?: RequestInit['body'];
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
}

export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const init: RequestInit & { duplex?: 'half' } = {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
  };
  // A stream body (an upload) must be sent half-duplex.
  if (body instanceof ReadableStream) init.duplex = 'half';
  const res = await fetch(`${baseUrl}${path}`, init);
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    text,
    json: () => JSON.parse(text),
  };
}

/** POST /v1/auth/login; returns the access token (fails loudly with the answer otherwise). */
export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await call(baseUrl, 'POST', '/v1/auth/login', { json: { email, password } });
  if (res.status !== 200) throw new Error(`login of ${email} answered ${res.status}: ${res.text}`);
  return res.json<{ accessToken: string }>().accessToken;
}

/** Repeats `probe` until it returns a value (not undefined) or the deadline passes. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 120_000,
  intervalMs = 300,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

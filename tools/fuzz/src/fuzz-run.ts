/**
 * The fuzz campaign (issue 17, "Must show"): for every route in both services' OpenAPI documents,
 * `casesPerRoute` bad requests from bad-requests.ts through app.inject, then the raw-socket cases
 * (oversized headers and paths, broken framing and encodings, a stalled body) against the
 * listening services. Every answer must be below 500, and every error the documented body with the
 * security headers. Afterwards the victim organisation's data must read exactly as before, and the
 * shared ai-core circuit must be closed.
 */
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { rawHead, rawRequest } from '@ethixai/service-kit/testing';
import { openApiOf, operationsOf } from '../../repo/src/openapi-doc.ts';
import { badRequests, type FuzzRequest, type Operation } from './bad-requests.ts';
import type { Schema } from './schema-sample.ts';
import { startTargets, victimSnapshot, type Targets } from './targets.ts';

export interface FuzzOptions {
  readonly seed: number;
  /** Cases for each route; or `totalCases`, spread evenly over the routes. */
  readonly casesPerRoute?: number;
  readonly totalCases?: number;
  /** Called after each route with its name, cases run and milliseconds taken. */
  readonly onRoute?: (route: string, cases: number, ms: number) => void;
}

export interface FuzzReport {
  readonly routes: number;
  readonly cases: number;
  readonly rawCases: number;
  readonly failures: string[];
}

const CODE = /^(BE|AIC|FAIR|OBS)_ERR_[A-Z0-9_]+$/;

/** Why an answer breaks the contract, or null. */
export function problemWith(status: number, headers: Record<string, unknown>, body: string): string | null {
  if (status >= 500) return `answered ${status}: ${body.slice(0, 200)}`;
  if (
    headers['strict-transport-security'] === undefined ||
    headers['x-content-type-options'] !== 'nosniff' ||
    headers['content-security-policy'] === undefined
  ) {
    return `security headers missing on a ${status}`;
  }
  if (status < 400) return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `a ${status} whose body is not JSON: ${body.slice(0, 120)}`;
  }
  const ok =
    parsed.statusCode === status &&
    typeof parsed.code === 'string' &&
    CODE.test(parsed.code) &&
    typeof parsed.error === 'string' &&
    typeof parsed.message === 'string';
  return ok ? null : `a ${status} that is not the error body: ${body.slice(0, 200)}`;
}

function operations(app: FastifyInstance): Operation[] {
  const document = openApiOf(app);
  const components = (document.components as { schemas?: Record<string, Schema> } | undefined)?.schemas ?? {};
  return operationsOf(document).map(({ method, path, operation }) => {
    const content =
      (operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {};
    const resolve = (schema: Schema) =>
      typeof schema.$ref === 'string' ? components[schema.$ref.replace('#/components/schemas/', '')] : schema;
    return {
      method,
      path,
      parameters: ((operation.parameters ?? []) as Operation['parameters']).map((p) => ({
        ...p,
        schema: resolve(p.schema),
      })),
      body: content['application/json']?.schema,
      bodyTypes: Object.keys(content),
    };
  });
}

async function inject(app: FastifyInstance, request: FuzzRequest): Promise<LightMyRequestResponse> {
  return app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: request.headers,
    payload: request.payload,
  });
}

async function fuzzApp(
  app: FastifyInstance,
  ops: Operation[],
  perRoute: number,
  credentials: Record<string, string>,
  targets: Targets,
  options: FuzzOptions,
  failures: string[],
  service: string,
): Promise<[number, number]> {
  let cases = 0;
  for (const op of ops) {
    const route = `${service} ${op.method} ${op.path}`;
    const started = performance.now();
    const components = (openApiOf(app).components as { schemas?: Record<string, Schema> } | undefined)?.schemas ?? {};
    const context = {
      resolve: (schema: Schema) =>
        typeof schema.$ref === 'string' ? components[schema.$ref.replace('#/components/schemas/', '')] : schema,
      uuid: targets.victimIds[cases % targets.victimIds.length],
    };
    const result = await fc.check(
      fc.asyncProperty(badRequests(op, context, credentials), async (request) => {
        const res = await inject(app, request);
        const problem = problemWith(res.statusCode, res.headers, res.body);
        if (problem !== null) throw new Error(`${request.label}: ${problem}`);
      }),
      { seed: options.seed, numRuns: perRoute, endOnFailure: true },
    );
    cases += result.numRuns;
    if (result.failed)
      failures.push(`${route}: ${fc.defaultReportMessage(result)?.split('\n').slice(0, 6).join(' | ')}`);
    options.onRoute?.(route, result.numRuns, performance.now() - started);
  }
  return [ops.length, cases];
}

/** Oversized headers and paths, broken framing and encodings, a stalled body: no client sends these. */
async function rawCases(
  port: number,
  path: string,
  credentials: Record<string, string>,
  failures: string[],
  service: string,
): Promise<number> {
  const auth = Object.entries(credentials)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  const cases: [string, string | Buffer, number][] = [
    ['headers of 20 KiB', `GET ${path} HTTP/1.1\r\nhost: x\r\n${auth}x-big: ${'h'.repeat(20_000)}\r\n\r\n`, 431],
    ['a path of 20 KiB', `GET ${path}/${'p'.repeat(20_000)} HTTP/1.1\r\nhost: x\r\n\r\n`, 431],
    ['a path parameter of 500 characters', rawHead('GET', `${path}/${'p'.repeat(500)}`, { connection: 'close' }), 0],
    ['broken percent-encoding', rawHead('GET', `${path}/%E0%A4%A`, { connection: 'close' }), 400],
    [
      'a broken chunk size',
      `POST ${path} HTTP/1.1\r\nhost: x\r\n${auth}content-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      400,
    ],
    [
      'two Content-Length headers',
      `POST ${path} HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{}`,
      400,
    ],
    ['bytes that are not HTTP', Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x0d, 0x0a, 0x0d, 0x0a]), 400],
    [
      'a body that stalls',
      `POST ${path} HTTP/1.1\r\nhost: x\r\n${auth}content-type: application/json\r\ncontent-length: 100\r\n\r\n{"a":`,
      408,
    ],
    ['headers that stall', `GET ${path} HTTP/1.1\r\nhost: x\r\n`, 408],
  ];
  for (const [label, bytes, expected] of cases) {
    try {
      const res = await rawRequest(port, bytes, { timeoutMs: 10_000 });
      const problem =
        problemWith(res.status, res.headers, res.body) ??
        (expected !== 0 && res.status !== expected ? `answered ${res.status}, expected ${expected}` : null);
      if (problem !== null) failures.push(`${service} raw ${label}: ${problem}`);
    } catch (error) {
      failures.push(`${service} raw ${label}: ${(error as Error).message}`);
    }
  }
  return cases.length;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const targets = await startTargets();
  const failures: string[] = [];
  let report: FuzzReport;
  try {
    const before = await victimSnapshot(targets);
    const backendOps = operations(targets.backend.app);
    const aiCoreOps = operations(targets.aiCore);
    const perRoute =
      options.casesPerRoute ?? Math.ceil((options.totalCases ?? 0) / (backendOps.length + aiCoreOps.length));
    const [backendRoutes, backendCases] = await fuzzApp(
      targets.backend.app,
      backendOps,
      perRoute,
      targets.attacker,
      targets,
      options,
      failures,
      'backend',
    );
    const [aiCoreRoutes, aiCoreCases] = await fuzzApp(
      targets.aiCore,
      aiCoreOps,
      perRoute,
      targets.service,
      targets,
      options,
      failures,
      'ai-core',
    );
    let rawCount = await rawCases(targets.backendPort, '/v1/users', targets.attacker, failures, 'backend');
    rawCount += await rawCases(targets.aiCorePort, '/v1/analyze', targets.service, failures, 'ai-core');
    const after = await victimSnapshot(targets);
    for (const url of Object.keys(before)) {
      if (before[url] !== after[url])
        failures.push(
          `the victim organisation's ${url} changed: ${before[url].slice(0, 150)} -> ${after[url].slice(0, 150)}`,
        );
    }
    const circuit = targets.backend.app.aiCoreCircuit();
    if (circuit !== 'closed') failures.push(`the shared ai-core circuit is ${circuit} after the fuzz`);
    report = { routes: backendRoutes + aiCoreRoutes, cases: backendCases + aiCoreCases, rawCases: rawCount, failures };
  } finally {
    try {
      await targets.close();
    } catch (error) {
      failures.push(String(error));
    }
  }
  return report;
}

import { beforeAll, describe, expect, it } from 'vitest';
import { API_DOC, backendOpenApi, OPENAPI_DOC, operationsOf, renderApiDoc, renderOpenApiJson, type OpenApiDocument } from '../src/openapi-doc.ts';
import { expectCommitted } from './committed-file.ts';

/**
 * Routes that take no bearer token or API key, each with the reason. Everything else in the
 * document must carry a security requirement (its own or the document's).
 */
const PUBLIC_ROUTES: Record<string, string> = {
  'POST /v1/auth/login': 'exchanges email and password for tokens',
  'POST /v1/auth/refresh': 'the refresh token in the body is the credential',
  'POST /v1/auth/logout': 'the refresh token in the body is the credential',
  'GET /.well-known/jwks.json': 'public keys, fetched by verifiers',
  'POST /v1/alerts/webhook': 'Alertmanager presents its own bearer, INCIDENTS_WEBHOOK_TOKEN',
  'GET /health': 'liveness, for orchestrators',
  'GET /ready': 'readiness, for load balancers',
  'GET /health/dependencies': 'dependency probes, for operators',
  'GET /metrics': 'Prometheus scrape',
};
const isPublic = (method: string, path: string) => `${method} ${path}` in PUBLIC_ROUTES || path === '/docs' || path.startsWith('/docs/');

let document: OpenApiDocument;
beforeAll(async () => {
  document = await backendOpenApi();
}, 60_000);

describe('docs/reference/openapi.json and api.md', () => {
  it('openapi.json is the committed document of the backend\'s routes', () => {
    expectCommitted(OPENAPI_DOC, renderOpenApiJson(document));
  });

  it('api.md is the committed route list', () => {
    expectCommitted(API_DOC, renderApiDoc(document));
  });

  it('has no volatile fields and is OpenAPI 3.1', () => {
    expect(document.servers).toBeUndefined();
    expect(document.openapi).toBe('3.1.0');
    expect(renderOpenApiJson(document)).not.toMatch(/ethixai-openapi-|127\.0\.0\.1:\d+/);
  });
});

describe('security requirements', () => {
  it('every operation requires a bearer token or an API key unless it is a documented public route', () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(30);
    const unprotected = operations.filter((op) => op.security.length === 0 && !isPublic(op.method, op.path));
    expect(unprotected.map((op) => `${op.method} ${op.path}`)).toEqual([]);
    for (const op of operations.filter((o) => o.security.length > 0)) expect(op.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
  });

  it('the documented public routes in the document are shown without a security requirement', () => {
    const shown = operationsOf(document).filter((op) => isPublic(op.method, op.path));
    expect(shown.map((op) => `${op.method} ${op.path}`).sort()).toEqual([
      'GET /.well-known/jwks.json',
      'POST /v1/alerts/webhook',
      'POST /v1/auth/login',
      'POST /v1/auth/logout',
      'POST /v1/auth/refresh',
    ]);
    for (const op of shown) expect(op.security).toEqual([]);
  });
});

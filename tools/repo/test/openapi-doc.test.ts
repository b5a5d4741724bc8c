import { beforeAll, describe, expect, it } from 'vitest';
import {
  AI_CORE_OPENAPI_DOC,
  aiCoreOpenApi,
  API_DOC,
  backendOpenApi,
  OPENAPI_DOC,
  operationsOf,
  renderApiDoc,
  renderOpenApiJson,
  type OpenApiDocument,
} from '../src/openapi-doc.ts';
import { expectCommitted } from './committed-file.ts';

/**
 * Routes that take no bearer token or API key, each with the reason. Everything else in the
 * document must carry a security requirement (its own or the document's).
 */
const PUBLIC_ROUTES: Record<string, string> = {
  'POST /v1/auth/login': 'exchanges email and password for tokens',
  'POST /v1/auth/refresh': 'the refresh token in the body is the credential',
  'POST /v1/auth/logout': 'the refresh token in the body is the credential',
  'POST /v1/auth/session/': 'exchanges email and password for a session cookie',
  'POST /v1/auth/session/refresh': 'the httpOnly session cookie (with its CSRF token) is the credential',
  'DELETE /v1/auth/session/': 'the httpOnly session cookie (with its CSRF token) is the credential',
  'GET /.well-known/jwks.json': 'public keys, fetched by verifiers',
  'POST /v1/alerts/webhook': 'Alertmanager presents its own bearer, INCIDENTS_WEBHOOK_TOKEN',
  'GET /health': 'liveness, for orchestrators',
  'GET /ready': 'readiness, for load balancers',
  'GET /health/dependencies': 'dependency probes, for operators',
  'GET /metrics': 'Prometheus scrape',
};
const isPublic = (method: string, path: string) =>
  `${method} ${path}` in PUBLIC_ROUTES || path === '/docs' || path.startsWith('/docs/');

let document: OpenApiDocument;
let aiCore: OpenApiDocument;
beforeAll(async () => {
  document = await backendOpenApi();
  aiCore = await aiCoreOpenApi();
}, 60_000);

describe('docs/reference/openapi.json, openapi-ai-core.json and api.md', () => {
  it("openapi.json is the committed document of the backend's routes", () => {
    expectCommitted(OPENAPI_DOC, renderOpenApiJson(document));
  });

  it("openapi-ai-core.json is the committed document of ai-core's routes", () => {
    expectCommitted(AI_CORE_OPENAPI_DOC, renderOpenApiJson(aiCore));
  });

  it('api.md is the committed route list', () => {
    expectCommitted(API_DOC, renderApiDoc(document, aiCore));
  });

  it('have no volatile fields and are OpenAPI 3.1', () => {
    for (const doc of [document, aiCore]) {
      expect(doc.servers).toBeUndefined();
      expect(doc.openapi).toBe('3.1.0');
      expect(renderOpenApiJson(doc)).not.toMatch(/ethixai-openapi-|127\.0\.0\.1:\d+|placeholder-service-token/);
    }
  });
});

describe('security requirements', () => {
  it('every operation requires a bearer token or an API key unless it is a documented public route', () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(30);
    const unprotected = operations.filter((op) => op.security.length === 0 && !isPublic(op.method, op.path));
    expect(unprotected.map((op) => `${op.method} ${op.path}`)).toEqual([]);
    for (const op of operations.filter((o) => o.security.length > 0))
      expect(op.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
  });

  it('every ai-core route requires the service token', () => {
    const operations = operationsOf(aiCore);
    expect(operations.map((op) => `${op.method} ${op.path}`)).toEqual(['POST /v1/analyze']);
    for (const op of operations) expect(op.security).toEqual([{ serviceToken: [] }]);
  });

  it('the documented public routes in the document are shown without a security requirement', () => {
    const shown = operationsOf(document).filter((op) => isPublic(op.method, op.path));
    expect(shown.map((op) => `${op.method} ${op.path}`).sort()).toEqual([
      'DELETE /v1/auth/session/',
      'GET /.well-known/jwks.json',
      'POST /v1/alerts/webhook',
      'POST /v1/auth/login',
      'POST /v1/auth/logout',
      'POST /v1/auth/refresh',
      'POST /v1/auth/session/',
      'POST /v1/auth/session/refresh',
    ]);
    for (const op of shown) expect(op.security).toEqual([]);
  });
});

import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role } from '@ethixai/contracts';
import { OPS_ROUTES } from '../plugins/ops-routes.ts';
import { httpError } from '../errors.ts';
import { createAccessTokenIssuer, type AccessTokenIssuer } from './access-tokens.ts';
import { createAuthenticator, type Authenticator } from './authenticator.ts';
import { roleAtLeast, type Principal } from './principal.ts';
import { createKeyRing, type KeyRing } from './signing-keys.ts';
import { createFailedAuthThrottle } from './failed-auth-throttle.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** true: no credentials required (health, docs, login, JWKS, webhooks with their own auth). */
    public?: boolean;
  }
  interface FastifyRequest {
    /** Set for every non-public route before any handler runs. */
    principal: Principal;
  }
  interface FastifyInstance {
    keyRing: KeyRing;
    accessTokens: AccessTokenIssuer;
    authenticator: Authenticator;
    /** Failed authentications per address (shared by the login route's lockout for its 401s). */
    failedAuth: ReturnType<typeof createFailedAuthThrottle>;
    /** preHandler: 403 BE_ERR_FORBIDDEN unless the principal's role is at least `minimum`. */
    requireRole(minimum: Role): preHandlerAsyncHookHandler;
  }
}

const PUBLIC_PREFIX = '/docs';

function isPublic(request: FastifyRequest): boolean {
  if (request.is404 || request.routeOptions.config.public === true) return true;
  const url = request.routeOptions.url ?? '';
  return OPS_ROUTES.has(url) || url === PUBLIC_PREFIX || url.startsWith(`${PUBLIC_PREFIX}/`);
}

/** A credential that does not exist: what guessing produces (an expired token or a deactivated user was real). */
function isGuess(err: unknown): boolean {
  return httpError.is(err) && (err.code === 'BE_ERR_INVALID_TOKEN' || err.code === 'BE_ERR_INVALID_API_KEY');
}

function credentialsOf(request: FastifyRequest): { scheme: 'bearer' | 'api_key'; value: string } | undefined {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return { scheme: 'api_key', value: apiKey };
  const auth = request.headers.authorization;
  if (auth === undefined) return undefined;
  const space = auth.indexOf(' ');
  const scheme = auth.slice(0, space).toLowerCase();
  const value = auth.slice(space + 1).trim();
  if (space > 0 && scheme === 'bearer' && value) return { scheme: 'bearer', value };
  if (space > 0 && scheme === 'apikey' && value) return { scheme: 'api_key', value };
  throw httpError('BE_ERR_UNAUTHENTICATED', 'Authorization header must be "Bearer <token>" or "ApiKey <key>"');
}

async function authPlugin(fastify: FastifyInstance): Promise<void> {
  const ring = await createKeyRing(fastify.secrets.JWT_SIGNING_KEYS);
  const tokens = createAccessTokenIssuer(
    ring,
    fastify.config.JWT_ISSUER,
    fastify.config.ACCESS_TOKEN_TTL_SECONDS,
    fastify.config.JWT_CLOCK_SKEW_SECONDS,
  );
  const authenticator = createAuthenticator(fastify.db, tokens, fastify.config.PRINCIPAL_CACHE_TTL_MS);
  fastify.decorate('keyRing', ring);
  fastify.decorate('accessTokens', tokens);
  fastify.decorate('authenticator', authenticator);
  const failedAuth = createFailedAuthThrottle(
    fastify.rateCounters,
    { max: fastify.config.AUTH_FAILURES_MAX, windowMs: fastify.config.AUTH_FAILURE_WINDOW_MS },
    fastify.businessMetrics,
  );
  fastify.decorate('failedAuth', failedAuth);
  fastify.decorateRequest('principal', null as unknown as Principal);

  // The OpenAPI document shows public routes without a security requirement.
  fastify.addHook('onRoute', (route) => {
    if (route.config?.public === true && route.schema) route.schema = { ...route.schema, security: [] };
  });

  // onRequest, before the body is read: an unauthenticated upload is refused without receiving it.
  // Callback style: an API key whose principal is cached is resolved without a promise.
  fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    if (isPublic(request)) return done();
    let credentials: ReturnType<typeof credentialsOf>;
    try {
      credentials = credentialsOf(request);
    } catch (err) {
      return done(err as Error);
    }
    if (!credentials)
      return done(httpError('BE_ERR_UNAUTHENTICATED', 'Send "Authorization: Bearer <token>" or "X-API-Key: <key>"'));
    const cached = credentials.scheme === 'api_key' ? authenticator.cachedApiKey(credentials.value) : undefined;
    if (cached !== undefined) {
      request.principal = cached;
      return done();
    }
    // Everything not already known good counts against the address's failure budget: an address
    // that has used it up is refused before its credentials are looked at.
    const credential = credentials.scheme === 'bearer' ? 'access_token' : 'api_key';
    const value = credentials.value;
    failedAuth
      .check(request, credential)
      .then(() => (credential === 'access_token' ? authenticator.fromBearer(value) : authenticator.fromApiKey(value)))
      .then(
        (principal) => {
          request.principal = principal;
          done();
        },
        async (err: Error) => {
          if (isGuess(err))
            await failedAuth
              .failed(request, credential)
              .catch((countErr: Error) =>
                request.log.error({ err: countErr }, 'counting a failed authentication failed'),
              );
          done(err);
        },
      );
  });

  fastify.decorate('requireRole', (minimum: Role): preHandlerAsyncHookHandler => {
    return async function requireRole(request: FastifyRequest) {
      if (!roleAtLeast(request.principal.role, minimum)) {
        throw httpError(
          'BE_ERR_FORBIDDEN',
          `This action requires the ${minimum} role (you are ${request.principal.role})`,
        );
      }
    };
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['config', 'db', 'rate-counters', 'business-metrics'] });

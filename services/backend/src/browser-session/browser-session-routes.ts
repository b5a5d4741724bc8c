import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { BrowserSessionSchema, LoginBodySchema, type BrowserSession, type TokenPair } from '@ethixai/contracts';
import { httpError } from '../errors.ts';
import { errors } from '../http/error-responses.ts';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  REFRESH_COOKIE,
  csrfCookieOptions,
  csrfMatches,
  csrfTokenFor,
  expiredCookieOptions,
  refreshCookieOptions,
} from './session-cookies.ts';

const CsrfHeaders = Type.Object({
  [CSRF_HEADER]: Type.Optional(
    Type.String({ maxLength: 128, description: 'The csrfToken of the session (or the __Host-ethixai-csrf cookie)' }),
  ),
});

/**
 * The browser's session: the same login, rotation and revocation as /v1/auth/{login,refresh,logout},
 * with the refresh token in an httpOnly, Secure, SameSite=Strict cookie instead of the body.
 */
const browserSessionRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const tags = ['auth'];
  const sessions = fastify.sessionService;

  function startSession(reply: FastifyReply, pair: TokenPair): BrowserSession {
    const csrfToken = csrfTokenFor(pair.refreshToken);
    reply.setCookie(REFRESH_COOKIE, pair.refreshToken, refreshCookieOptions(pair.refreshExpiresIn));
    reply.setCookie(CSRF_COOKIE, csrfToken, csrfCookieOptions(pair.refreshExpiresIn));
    reply.header('cache-control', 'no-store');
    return { tokenType: 'Bearer', accessToken: pair.accessToken, expiresIn: pair.expiresIn, csrfToken };
  }

  function endSession(reply: FastifyReply): void {
    reply.clearCookie(REFRESH_COOKIE, expiredCookieOptions(true));
    reply.clearCookie(CSRF_COOKIE, expiredCookieOptions(false));
  }

  /** The session's refresh token, once the CSRF header has been checked against it. */
  function presentedToken(request: FastifyRequest): string {
    const token = request.cookies[REFRESH_COOKIE];
    if (token === undefined || token === '')
      throw httpError('BE_ERR_REFRESH_INVALID', `No ${REFRESH_COOKIE} cookie: sign in again`);
    const header = request.headers[CSRF_HEADER];
    if (!csrfMatches(token, typeof header === 'string' ? header : undefined)) {
      throw httpError('BE_ERR_CSRF_INVALID', `The ${CSRF_HEADER} header is missing or does not belong to this session`);
    }
    return token;
  }

  fastify.post(
    '/',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign a browser in: the refresh token is set as an httpOnly cookie, the access token returned',
        body: LoginBodySchema,
        response: { 200: BrowserSessionSchema, ...errors(400, 401, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      // The same attempt limits and lockout as POST /v1/auth/login.
      return startSession(reply, await fastify.guardedLogin(request, request.body.email, request.body.password));
    },
  );

  fastify.post(
    '/refresh',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Rotate the session cookie (X-CSRF-Token required): a new access token and new cookies',
        headers: CsrfHeaders,
        response: { 200: BrowserSessionSchema, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const token = presentedToken(request);
      try {
        return startSession(reply, await sessions.refresh(token));
      } catch (error) {
        // A dead session's cookies are dropped so the browser stops presenting them.
        if (httpError.is(error) && error.statusCode === 401) endSession(reply);
        throw error;
      }
    },
  );

  fastify.delete(
    '/',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign the browser out (X-CSRF-Token required): revokes the session family and clears the cookies',
        headers: CsrfHeaders,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const token = presentedToken(request);
      try {
        await sessions.logout(token);
      } catch (error) {
        // Already revoked elsewhere (another tab, a reuse): signing out still succeeds.
        if (!(httpError.is(error) && error.code === 'BE_ERR_REFRESH_INVALID')) throw error;
      }
      endSession(reply);
      return reply.code(204).send(null);
    },
  );
};

export default browserSessionRoutes;

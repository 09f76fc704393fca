// The HTTP edge: authentication, JSON bodies, and the one place where domain errors
// become status codes. Handlers never touch status codes for domain outcomes.
import type { Request } from 'firebase-functions/https';
import type { Response } from 'express';
import { z } from 'zod';
import {
  Conflict,
  DomainError,
  Forbidden,
  InsufficientStorage,
  InvalidInput,
  NotFound,
  PayloadTooLarge,
  RateLimited,
  Unauthenticated,
  Unavailable,
  UnsupportedMediaType,
} from '../errors';
import { isOurId } from '../domain/http/document-id';
import type { PlayCaller, RequestCaller } from '../domain/access/caller';
import { clientIpOf, userAgentOf } from '../domain/http/client-ip';
import * as logs from '../logs';
import { TokenRejected, verifyIdToken, type TokenRejection, type VerifiedToken } from '../store/auth';
import { isProviderSignIn, providerSignInRefusal, type ProviderRefusal } from '../domain/access/school-sign-in';
import { signInDomains } from '../params';

const REJECTED: Record<TokenRejection, string> = {
  invalid: 'Your session has expired. Sign in again.',
  revoked: 'You were signed out everywhere. Sign in again.',
  disabled: 'This account has been disabled. Ask an administrator.',
};

/** A rejected token (or account) as the 401 the client sees; anything else passes through. */
export function unauthenticatedFor(error: unknown): unknown {
  return error instanceof TokenRejected ? new Unauthenticated(REJECTED[error.reason]) : error;
}

/**
 * How hard to look at the token. 'revocation' asks Auth whether the account is disabled or signed
 * out everywhere (one more round trip): the key endpoint, downloads and every admin mutation, so
 * such an account is cut at once. 'signature' (the default) trusts an unexpired, signed token for
 * up to its hour: reads and the session-bound playlist/segment/heartbeat requests, where the live
 * access check runs anyway and the next key request or session renewal makes the full check.
 */
export type TokenCheck = 'signature' | 'revocation';

/** The ID token's user, from an `Authorization: Bearer` header or a token the caller passes (a form field). */
export async function verifyCaller(
  req: Request,
  idToken: string | undefined,
  check: TokenCheck = 'signature',
): Promise<RequestCaller> {
  const { signInProvider: _provider, emailVerified: _verified, ...token } = await verifiedToken(idToken, check);
  return { ...token, ip: clientIp(req), userAgent: clientUserAgent(req) };
}

/** Why a provider sign-in's token is refused, in words for the person (domain/access/school-sign-in.ts). */
const PROVIDER_REFUSED: Record<ProviderRefusal, string> = {
  provider: 'This kind of sign-in is not used here. Sign in with your email and password or your school account.',
  unverified:
    'Your account’s email address is not verified by your school’s sign-in service, so it cannot sign in here.',
  domain: 'Only this school’s accounts can sign in here. Sign in with your school account.',
};

/**
 * The token's facts, verified; a provider sign-in (Google, Microsoft) counts only with a verified
 * email in SIGN_IN_DOMAINS, on every route, whatever the web app showed.
 */
async function verifiedToken(idToken: string | undefined, check: TokenCheck): Promise<VerifiedToken> {
  if (!idToken) throw new Unauthenticated();
  let token: VerifiedToken;
  try {
    token = await verifyIdToken(idToken, { checkRevoked: check === 'revocation' });
  } catch (error) {
    throw unauthenticatedFor(error);
  }
  const signIn = { provider: token.signInProvider, email: token.email, emailVerified: token.emailVerified };
  const refusal = isProviderSignIn(signIn) ? providerSignInRefusal(signIn, signInDomains()) : null;
  if (refusal) throw new Forbidden(PROVIDER_REFUSED[refusal], 'school-account-refused');
  return token;
}

/**
 * The caller of the exchange that turns a school account's sign-in into the matched account's
 * session (POST /api/auth/school-session): a provider sign-in that passed the rule above, with its
 * verified email. Any other sign-in is a 400: it has a session already.
 */
export async function authenticateSchoolSignIn(req: Request): Promise<{ caller: RequestCaller; email: string }> {
  const token = await verifiedToken(bearerToken(req), 'revocation');
  if (!token.email || !isProviderSignIn({ provider: token.signInProvider, emailVerified: token.emailVerified })) {
    throw new InvalidInput('Only a sign-in with a school account (Google or Microsoft) is exchanged here.');
  }
  const { signInProvider: _provider, emailVerified: _verified, ...caller } = token;
  return { caller: { ...caller, ip: clientIp(req), userAgent: clientUserAgent(req) }, email: token.email };
}

/** The raw bearer token of a request, if it has one. */
export function bearerToken(req: Request): string | undefined {
  return /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
}

export async function authenticate(req: Request, check: TokenCheck = 'signature'): Promise<RequestCaller> {
  return verifyCaller(req, bearerToken(req), check);
}

/** The playback cookie. Firebase Hosting forwards only a cookie named __session to functions. */
export const PLAYBACK_COOKIE = '__session';

/** A cookie's value; one whose percent-escapes do not decode is no credential at all (ignored, never a 500). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeComponent(value.join('='));
  }
  return undefined;
}

/** decodeURIComponent without the URIError: undefined for a malformed escape ("%E0%A4%A", "%zz"). */
export function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The caller of a /play/ endpoint: an ID token if one is sent (invalid → 401), else the cookie. */
export async function playCaller(req: Request, check: TokenCheck = 'signature'): Promise<PlayCaller> {
  const base = { ip: clientIp(req), userAgent: clientUserAgent(req), cookie: readCookie(req, PLAYBACK_COOKIE) };
  if (!req.get('authorization')) return base;
  const caller = await authenticate(req, check);
  return { ...base, token: { uid: caller.uid, email: caller.email } };
}

/** The address our proxies saw (domain/http/client-ip.ts): never the leftmost entry, which the client writes. */
export function clientIp(req: Request): string {
  return clientIpOf({ forwardedFor: req.headers['x-forwarded-for'], socketAddress: req.socket?.remoteAddress });
}

export function clientUserAgent(req: Request): string {
  return userAgentOf(req.get('user-agent'));
}

/**
 * Every path parameter that names a document (recording, meeting, session, alert, batch, user):
 * letters, digits, _ and -, at most 128, and never one of Firestore's reserved __…__ ids.
 */
export const idParam = z.string().refine(isOurId, 'not an id');

/** Classic zod schemas and the wire schemas (zod/mini) alike. */
export function parseBody<S extends z.core.$ZodType>(schema: S, body: unknown): z.output<S> {
  const result = z.safeParse(schema, body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new InvalidInput(`${where}${issue.message}`);
  }
  return result.data;
}

export function statusOf(error: DomainError): number {
  if (error instanceof InvalidInput) return 400;
  if (error instanceof Unauthenticated) return 401;
  if (error instanceof Forbidden) return 403;
  if (error instanceof NotFound) return 404;
  if (error instanceof Conflict) return 409;
  if (error instanceof PayloadTooLarge) return 413;
  if (error instanceof UnsupportedMediaType) return 415;
  if (error instanceof RateLimited) return 429;
  if (error instanceof Unavailable) return 503;
  if (error instanceof InsufficientStorage) return 507;
  return 400;
}

/**
 * The only way an HTTP function answers with an error (the router, the webhook, the downloads).
 * Always `Cache-Control: no-store`: Hosting's CDN keeps a function's 404 that carries no
 * Cache-Control for up to 10 minutes (https://firebase.google.com/docs/hosting/manage-cache), so
 * a "not ready yet" playlist would stay not ready, and no refusal should outlive the request.
 */
export function sendFailure(
  res: Response,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): void {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json({ error: { code, message, ...extra } });
}

export function sendError(res: Response, path: string, thrown: unknown): void {
  const error = unauthenticatedFor(thrown);
  if (res.headersSent) {
    // A stream failed after its status went out: cut the connection, so the client sees a
    // truncated transfer (short of Content-Length, or no final chunk) rather than a "complete" file.
    logs.requestFailed(path, error);
    res.destroy();
    return;
  }
  if (error instanceof DomainError) {
    if (error instanceof RateLimited) res.set('Retry-After', String(error.retryAfterSeconds));
    sendFailure(res, statusOf(error), error.code, error.message, error.details);
    return;
  }
  logs.requestFailed(path, error);
  sendFailure(res, 500, 'internal', 'Something went wrong on our side. Try again.');
}

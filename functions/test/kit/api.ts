// Calls to our API through the Hosting emulator's /api/** rewrite, as the web app makes them.
import { DEMO_PASSWORD, users } from '../../../scripts/seed/world';
import { FUNCTIONS_URL, HOSTING_URL, idTokenFor } from './emulators';

export interface ApiReply<T = Record<string, unknown>> {
  status: number;
  body: T & { error?: { code: string; message: string; [k: string]: unknown } };
  headers: Headers;
}

export async function callApi<T = Record<string, unknown>>(
  path: string,
  {
    token,
    method = 'GET',
    body,
    direct = false,
  }: { token?: string; method?: string; body?: unknown; direct?: boolean } = {},
): Promise<ApiReply<T>> {
  // direct: straight to the function, skipping the Hosting emulator's proxy (and its timeout).
  const res = await fetch(`${direct ? `${FUNCTIONS_URL}/api` : `${HOSTING_URL}/api`}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
}

export type DemoUserKey = keyof typeof users;

/** ID tokens for seeded users (after resetWorld). */
export async function tokensFor<K extends DemoUserKey>(...keys: K[]): Promise<Record<K, string>> {
  const entries = await Promise.all(
    keys.map(async (k) => [k, await idTokenFor(users[k].email, DEMO_PASSWORD)] as const),
  );
  return Object.fromEntries(entries) as Record<K, string>;
}

/**
 * Follows a one-time download link as the web app does: a form POST navigation whose `idToken`
 * field is the proof, the ID token that minted the link (or, in a test of refusals, another one).
 */
export async function followDownloadLink(url: string, proof?: string, cookie?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(proof === undefined ? {} : { idToken: proof }).toString(),
  });
}

/**
 * A signed URL with its signature's first character changed: always a different signature (a fixed
 * replacement would leave one signature in 64 as it was, and the "tampered" URL would still play).
 */
export const withTamperedSignature = (url: string): string =>
  url.replace(/sig=(.)/, (_match, first: string) => `sig=${first === 'A' ? 'B' : 'A'}`);

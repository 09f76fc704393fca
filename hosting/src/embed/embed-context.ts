// The widgets' composition root: our origin (the one that served lecturevault.js, and so the
// API's), the host page's token provider, and the API fetch over both. The widgets hold no session
// of their own: every request asks the provider for the host's current Firebase ID token.
import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { createApiFetch } from '../api/http-api';
import { createMeetingsApi } from '../api/meetings-api';

/** What the host hands over: its signed-in user's ID token (same Firebase project), or nothing. */
export type TokenProvider = () => Promise<string | null | undefined> | string | null | undefined;

/** https://lecturevault.example: where this script, the API and the app live. */
export const ORIGIN = new URL(import.meta.url).origin;

const provider = signal<TokenProvider | null>(null);

export function setTokenProvider(next: TokenProvider | null): void {
  if (next !== null && typeof next !== 'function') {
    throw new TypeError('LectureVault.setTokenProvider takes an async function that returns an ID token');
  }
  provider.value = next;
}

/** The host's token now; a provider that fails or has nobody signed in means no token. */
export async function currentToken(): Promise<string | null> {
  const current = provider.peek();
  if (!current) return null;
  try {
    const token = await current();
    return typeof token === 'string' && token !== '' ? token : null;
  } catch {
    return null;
  }
}

export const apiFetch = createApiFetch(currentToken, { origin: ORIGIN });
export const meetingsApi = createMeetingsApi(apiFetch);

/**
 * The host's signed-in user now: its ID token's subject (read, not verified: to tell users apart,
 * never to grant anything; the API verifies every token), or null when it has none.
 */
export async function hostUser(): Promise<string | null> {
  const token = await currentToken();
  return token === null ? null : subjectOf(token);
}

/**
 * How often a mounted widget asks the provider again. A provider that reads the host's own Auth
 * (`auth.currentUser`) changes user without a new setTokenProvider call, and the recording widget
 * follows its feed signed in as that user, with no API call of its own to notice.
 */
const HOST_USER_RECHECK_MS = 15_000;

/**
 * The host's signed-in user: undefined while asking, null when there is none, else their uid
 * (hostUser). Asks again when the host hands over another provider (reading the signal subscribes
 * the component), and every HOST_USER_RECHECK_MS while mounted.
 */
export function useHostUser(): string | null | undefined {
  const current = provider.value;
  const [user, setUser] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setUser(undefined);
    const ask = () => void hostUser().then((next) => live && setUser(next));
    ask();
    const recheck = setInterval(ask, HOST_USER_RECHECK_MS);
    return () => {
      live = false;
      clearInterval(recheck);
    };
  }, [current]);
  return user;
}

function subjectOf(token: string): string {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const sub = (JSON.parse(atob(payload)) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The app's page for a recording, on our origin (links out of a widget). */
export function watchUrl(recordingId: string): string {
  return `${ORIGIN}/#/watch/${encodeURIComponent(recordingId)}`;
}

// Pure helpers for the session model: human text for auth and profile failures.
import { ApiError } from '../api/http-api';

/**
 * One message for a wrong password and an address with no account: two would tell anyone which
 * addresses have accounts. Firebase answers with either code (the Auth emulator, and projects
 * without email enumeration protection), or with invalid-credential for both.
 */
export const CREDENTIALS_REFUSED = 'That email and password do not match an account. Check both and try again.';

const AUTH_MESSAGES: Readonly<Record<string, string>> = {
  'auth/wrong-password': CREDENTIALS_REFUSED,
  'auth/user-not-found': CREDENTIALS_REFUSED,
  'auth/invalid-credential': CREDENTIALS_REFUSED,
  'auth/invalid-login-credentials': CREDENTIALS_REFUSED,
  'auth/invalid-email': 'That does not look like an email address.',
  'auth/missing-password': 'Enter your password.',
  'auth/missing-email': 'Enter your email address.',
  'auth/user-disabled': 'This account has been disabled. Contact an administrator.',
  'auth/too-many-requests': 'Too many sign-in attempts. Wait a few minutes, then try again.',
  'auth/network-request-failed': 'Cannot reach the sign-in service. Check your connection and try again.',
  'auth/weak-password': 'Choose a longer password: at least 6 characters.',
  'auth/expired-action-code': 'This link has expired. Ask for a new one.',
  'auth/invalid-action-code': 'This link was already used or is not valid. Ask for a new one.',
  'auth/popup-blocked': 'Your browser blocked the sign-in window. Allow pop-ups for this site and try again.',
  'auth/account-exists-with-different-credential':
    'This address signs in another way here. Use your email and password, or ask an administrator.',
};

/** A school sign-in the person closed themselves: nothing to say. */
const CANCELLED = new Set(['auth/popup-closed-by-user', 'auth/cancelled-popup-request', 'auth/user-cancelled']);

/**
 * A failed school account sign-in in words, or null when the person closed the window: the API's
 * own refusal ("not registered at this school", a domain outside the list) is shown as it says.
 */
export function describeSchoolSignInError(error: unknown): string | null {
  if (error instanceof ApiError && (error.status === 403 || error.status === 429)) return error.message;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && CANCELLED.has(code)) return null;
  if (error instanceof ApiError) return 'Sign-in failed. Please try again.';
  return describeAuthError(typeof code === 'string' ? code : 'unknown');
}

export function describeAuthError(code: string): string {
  return AUTH_MESSAGES[code] ?? 'Sign-in failed. Please try again.';
}

/** True when the server refused this account (so the session must end), not a passing failure. */
export function isProfileRefusal(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 403);
}

export function describeProfileError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Your session has ended. Please sign in again.';
    if (error.status === 403) {
      return 'Your account is not set up in LectureVault yet. Ask an administrator to add you.';
    }
    if (error.status === 0) return error.message;
  }
  return 'We could not load your profile. Please try again.';
}

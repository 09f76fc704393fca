// Pure helpers for the session model: human text for auth and profile failures.
import { ApiError } from '../api/http-api';

const AUTH_MESSAGES: Readonly<Record<string, string>> = {
  'auth/wrong-password': 'That password is not right. Check it and try again.',
  'auth/user-not-found': 'No LectureVault account uses that email address.',
  'auth/invalid-credential': 'That email and password do not match an account.',
  'auth/invalid-login-credentials': 'That email and password do not match an account.',
  'auth/invalid-email': 'That does not look like an email address.',
  'auth/missing-password': 'Enter your password.',
  'auth/missing-email': 'Enter your email address.',
  'auth/user-disabled': 'This account has been disabled. Contact an administrator.',
  'auth/too-many-requests': 'Too many sign-in attempts. Wait a few minutes, then try again.',
  'auth/network-request-failed': 'Cannot reach the sign-in service. Check your connection and try again.',
};

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

// Pure helpers for second-factor sign-in and enrolment: reading a typed code, the words for each
// failure, the factor names, and the otpauth:// URI an authenticator app reads.
import type { FactorInfo } from '../api/second-factor-port';

/** What a person may type: the digits, with spaces or dashes some apps show between groups. */
export function normaliseCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** Why a typed code cannot be sent yet, or null when it can. */
export function codeProblem(code: string, length = 6): string | null {
  if (code === '') return `Enter the ${length}-digit code.`;
  if (!/^\d+$/.test(code)) return 'The code is digits only.';
  if (code.length !== length) return `The code has ${length} digits; you typed ${code.length}.`;
  return null;
}

const MESSAGES: Readonly<Record<string, string>> = {
  'auth/invalid-verification-code':
    'That code is not right. Type the newest code your app shows; if it keeps failing, check that your phone’s clock is set automatically.',
  'auth/too-many-requests': 'Too many attempts. Wait a few minutes, then sign in again.',
  'auth/invalid-multi-factor-session': 'This sign-in has expired. Start again with your password.',
  'auth/missing-multi-factor-session': 'This sign-in has expired. Start again with your password.',
  'auth/code-expired': 'That code has expired. Ask for a new one.',
  'auth/multi-factor-info-not-found': 'That second factor has been removed. Start again with your password.',
  'auth/network-request-failed': 'Cannot reach the sign-in service. Check your connection and try again.',
  'auth/requires-recent-login': 'For your safety, sign out and sign in again, then repeat this step.',
  'auth/unverified-email':
    'Your email address must be verified before you can add a second factor. Ask another admin to mark it verified.',
  'auth/operation-not-allowed':
    'Authenticator apps are not turned on for this project yet. The platform team turns them on (see docs/admin-mfa.md).',
  'auth/maximum-second-factor-count-exceeded': 'This account has as many second factors as it may have.',
  'auth/second-factor-already-in-use': 'That second factor is already on this account.',
  'auth/user-token-expired': 'Your session has ended. Please sign in again.',
  'lv/factor-not-offered':
    'This account’s second factor is one LectureVault does not offer (only authenticator apps). Ask another admin to remove it, then sign in and set up an authenticator app.',
};

/**
 * The words for a refusal. A text-message code is not read from an app; an unexpected refusal
 * names Firebase's code, which is what an admin (or the platform team) can look up.
 */
export function describeSecondFactorError(code: string, kind?: FactorInfo['kind']): string {
  if (code === 'auth/invalid-verification-code' && kind === 'phone') {
    return 'That code is not right. Type the code from the newest text message.';
  }
  const known = MESSAGES[code];
  if (known) return known;
  return code.startsWith('auth/')
    ? `That did not work (${code}). Please try again.`
    : 'That did not work. Please try again.';
}

/** True when the pending sign-in cannot go on and the person must start from their password. */
export function endsPendingSignIn(code: string): boolean {
  return [
    'auth/invalid-multi-factor-session',
    'auth/missing-multi-factor-session',
    'auth/multi-factor-info-not-found',
    'lv/factor-not-offered',
  ].includes(code);
}

const KIND_NAMES: Readonly<Record<FactorInfo['kind'], string>> = {
  totp: 'Authenticator app',
  phone: 'Text message',
  other: 'Other second factor',
};

export function factorLabel(factor: FactorInfo): string {
  const kind = KIND_NAMES[factor.kind];
  const detail = factor.displayName ?? factor.phoneNumber;
  return detail ? `${detail} (${kind.toLowerCase()})` : kind;
}

/**
 * The factor the sign-in step asks for: an authenticator app when the account has one; a text
 * message only where this build can send one (emulator builds); otherwise the first, which then
 * explains that it is not offered.
 */
export function preferredHint(hints: readonly FactorInfo[], smsAvailable: boolean): FactorInfo | null {
  return (
    hints.find((hint) => hint.kind === 'totp') ??
    (smsAvailable ? hints.find((hint) => hint.kind === 'phone') : undefined) ??
    hints[0] ??
    null
  );
}

/**
 * The Key URI an authenticator app reads (github.com/google/google-authenticator/wiki/Key-Uri-Format):
 * the label and issuer percent-encoded (Firebase's own generateQrCodeUrl leaves them raw, so a
 * school name with a space or "&" would break it).
 */
export function otpauthUri(options: {
  readonly secretKey: string;
  readonly account: string;
  readonly issuer: string;
  /** As Firebase names it ("SHA1"). */
  readonly algorithm: string;
  readonly digits: number;
  readonly periodSeconds: number;
}): string {
  const label = `${encodeURIComponent(options.issuer)}:${encodeURIComponent(options.account)}`;
  const query = new URLSearchParams({
    secret: options.secretKey,
    issuer: options.issuer,
    algorithm: options.algorithm,
    digits: String(options.digits),
    period: String(options.periodSeconds),
  });
  return `otpauth://totp/${label}?${query.toString().replace(/\+/g, '%20')}`;
}

/** The secret in groups of four, easier to copy by eye into an app. */
export function groupedSecret(secretKey: string): string {
  return secretKey.replace(/(.{4})(?=.)/g, '$1 ');
}

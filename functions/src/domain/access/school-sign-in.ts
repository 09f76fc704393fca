// Sign-in with the school's own accounts (Google Workspace, Microsoft Entra) through Firebase Auth's
// providers: which provider sign-ins the API takes at all, read from the ID token's facts alone. A
// token from such a provider counts only with a verified email in one of the school's domains
// (SIGN_IN_DOMAINS); it enrols nobody, the users/ match is services/access/school-sign-in.ts.

/** Firebase Auth's provider ids of the school account providers we take. */
export const SCHOOL_PROVIDERS: readonly string[] = ['google.com', 'microsoft.com'];

/**
 * Sign-ins the provider rule does not apply to: email and password (the school's accounts made by
 * an admin) and our own custom tokens (a school sign-in exchanged for the matched account's session).
 */
const OWN_SIGN_INS: readonly string[] = ['password', 'custom'];

export type ProviderRefusal = 'provider' | 'unverified' | 'domain';

export interface TokenSignIn {
  /** The ID token's firebase.sign_in_provider ('password', 'google.com', …). */
  provider?: string;
  email?: string;
  emailVerified: boolean;
}

/** A hostname-shaped domain, lower case, no leading "@" and no wildcard. */
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** SIGN_IN_DOMAINS as a list: space- or comma-separated, case and a leading "@" ignored; anything else is dropped. */
export function parseSignInDomains(text: string): string[] {
  const domains = text
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase().replace(/^@/, ''))
    .filter((entry) => DOMAIN.test(entry));
  return [...new Set(domains)];
}

/** The domain of an address, lower case; null when there is none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  const domain = at > 0 ? email.slice(at + 1).toLowerCase() : '';
  return domain === '' ? null : domain;
}

/** True for a sign-in through an identity provider (the rule below applies), false for our own kinds. */
export function isProviderSignIn(signIn: TokenSignIn): boolean {
  return signIn.provider !== undefined && !OWN_SIGN_INS.includes(signIn.provider);
}

/**
 * Why a provider sign-in is refused, or null when it counts: a provider we do not take, an email
 * the provider has not verified (anyone could claim one), or a domain outside the allowed list
 * (exactly, so sub.school.edu is not school.edu). An empty list refuses every provider sign-in.
 */
export function providerSignInRefusal(signIn: TokenSignIn, allowedDomains: readonly string[]): ProviderRefusal | null {
  if (!signIn.provider || !SCHOOL_PROVIDERS.includes(signIn.provider)) return 'provider';
  if (!signIn.email || !signIn.emailVerified) return 'unverified';
  const domain = emailDomain(signIn.email);
  return domain !== null && allowedDomains.includes(domain) ? null : 'domain';
}

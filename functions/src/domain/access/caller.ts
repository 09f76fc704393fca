// Who is calling: the one identity type of every layer. The HTTP edge builds a caller from a
// verified ID token and the request; services hand it to the access rules and the audit log; the
// system (webhooks, watchdog, sweep) acts as SYSTEM. Beside it, the two pure facts about a caller:
// whether its sign-in is strong enough for admin actions, and how its email is shown to others.
import { ANONYMOUS } from '../audit/audit-floods';

/** Who did something: a signed-in person, or the system. */
export interface Caller {
  uid: string;
  email?: string;
  /** The second factor of this sign-in, if any (ADMIN_REQUIRE_MFA); only the HTTP edge sets it. */
  secondFactor?: string;
  ip?: string;
  userAgent?: string;
}

/** A caller as the HTTP edge builds it from a request: where it came from is always known. */
export type RequestCaller = Caller & { ip: string; userAgent: string };

/**
 * Who is calling a /play/ endpoint before its session is known: the ID token's user if one was
 * sent, else whoever holds the playback cookie (native HLS players send no header).
 */
export interface PlayCaller {
  token?: Pick<Caller, 'uid' | 'email'>;
  cookie?: string;
  ip: string;
  userAgent: string;
}

export const SYSTEM: Caller = { uid: 'system' };
/** A caller with no identity yet (a key request without a valid session): counted, not stored each time. */
export const anonymousCaller = (client: Pick<Caller, 'ip' | 'userAgent'>): Caller => ({ uid: ANONYMOUS, ...client });

/**
 * Whether a sign-in is strong enough for admin actions (ADMIN_REQUIRE_MFA); pure, so the rule is
 * testable without an Auth emulator sign-in of each kind. `secondFactor` is the ID token's
 * firebase.sign_in_second_factor claim ('phone', 'totp'), which Firebase sets only when this sign-in
 * completed a second factor; an enrolled factor alone is not enough.
 */
export function secondFactorSatisfied(required: boolean, secondFactor: string | undefined): boolean {
  return !required || (typeof secondFactor === 'string' && secondFactor.length > 0);
}

/**
 * Email masking for audit entries, logs and the watermark: enough to recognise, not to harvest.
 * "sam.patel@school.edu" → "s*******l@school.edu"
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const masked =
    local.length <= 2 ? `${local[0]}*` : `${local[0]}${'*'.repeat(local.length - 2)}${local[local.length - 1]}`;
  return `${masked}@${domain}`;
}

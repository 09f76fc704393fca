// Sign-in with a school account (Google Workspace, Microsoft) as a LectureVault account: the HTTP
// edge has checked the provider, the verified email and its domain (api/http.ts); here the email is
// matched to users/ and the matched account's custom token is minted. Nobody is enrolled by signing
// in: an address no users/ entry has is refused, and the Auth account the provider sign-in made is
// deleted, so a stranger's sign-in leaves nothing behind.
import type { Caller } from '../../domain/access/caller';
import { Forbidden, RateLimited } from '../../errors';
import { writeAudit } from '../../store/audit-writer';
import { deleteProviderOnlyAccount, mintMatchedSessionToken } from '../../store/auth';
import { countRequest } from '../../store/rate-limits';
import { getUserProfile, usersWithEmails } from '../../store/users';

export const NOT_REGISTERED_MESSAGE =
  'This account is not registered at this school’s LectureVault. Ask an administrator to add you.';

/** A sign-in or two a minute per person; a dozen is someone retrying, more is a script. */
export const SCHOOL_SESSION_LIMIT = { perWindow: 12, windowMs: 60_000 } as const;

/**
 * The custom token of the users/ account whose email is `verifiedEmail` (the provider verified it).
 * The provider's own Auth account, when it is not that account, is deleted: the person goes on as
 * the account the school made for them.
 */
export async function openSchoolSession(actor: Caller, verifiedEmail: string, nowMs = Date.now()): Promise<string> {
  const verdict = await countRequest(
    'school-session',
    actor.uid,
    SCHOOL_SESSION_LIMIT.perWindow,
    SCHOOL_SESSION_LIMIT.windowMs,
    nowMs,
  );
  if (!verdict.ok) throw new RateLimited(Math.ceil(verdict.retryAfterMs / 1000));
  const matches = await usersWithEmails([verifiedEmail.trim().toLowerCase()]);
  // Two users/ entries with one address would make the match a guess: refused like no match.
  const match = matches.length === 1 ? matches[0] : null;
  if (match?.uid !== actor.uid && !(await getUserProfile(actor.uid))) await deleteProviderOnlyAccount(actor.uid);
  if (!match) {
    await writeAudit(actor, { action: 'school-sign-in', outcome: 'denied', reason: 'not-registered' }, nowMs);
    throw new Forbidden(NOT_REGISTERED_MESSAGE, 'not-registered');
  }
  await writeAudit({ ...actor, uid: match.uid }, { action: 'school-sign-in', outcome: 'ok' }, nowMs);
  return mintMatchedSessionToken(match.uid);
}

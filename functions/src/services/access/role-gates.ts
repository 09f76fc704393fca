// The gates every use case passes first: an enrolled account (a users/ profile, read live), and
// for staff or admin actions the role. One owner, so an account without a profile gets the same
// 403 "not enrolled" on every route, and a refused admin action is audited the same way everywhere.
import { type Caller, secondFactorSatisfied } from '../../domain/access/caller';
import { Forbidden, NotEnrolled } from '../../errors';
import { adminRequireMfa } from '../../params';
import { writeAudit } from '../../store/audit-writer';
import { getUserProfile, type UserProfile } from '../../store/users';

/** The caller's live profile; 403 "not enrolled" without one. */
export async function requireEnrolled(actor: Caller): Promise<UserProfile> {
  const user = await getUserProfile(actor.uid);
  if (!user) throw new NotEnrolled();
  return user;
}

/**
 * The caller's profile as GET /api/me answers it: an admin whose sign-in lacks the second factor
 * that ADMIN_REQUIRE_MFA asks for is told so (the web app's banner), by the same rule requireAdmin
 * applies.
 */
export async function profileForCaller(actor: Caller): Promise<UserProfile & { secondFactorNeeded?: true }> {
  const user = await requireEnrolled(actor);
  const lacksFactor = user.role === 'admin' && !secondFactorSatisfied(adminRequireMfa.value(), actor.secondFactor);
  return lacksFactor ? { ...user, secondFactorNeeded: true } : user;
}

/** Admins and teachers (the recording estimate, the meeting page's controls). */
export async function requireStaff(actor: Caller): Promise<UserProfile> {
  const user = await requireEnrolled(actor);
  if (user.role === 'student') throw new Forbidden('Only staff (admins and teachers) can see this.');
  return user;
}

/**
 * The role read live, then (ADMIN_REQUIRE_MFA) the second factor of this sign-in. An actor that
 * lost its secondFactor on the way here fails closed.
 */
export async function requireAdmin(actor: Caller, action: string, recordingId?: string): Promise<UserProfile> {
  const user = await getUserProfile(actor.uid);
  if (user?.role !== 'admin') {
    await writeAudit(actor, { action, outcome: 'denied', recordingId, reason: user ? 'not-admin' : 'not-enrolled' });
    throw user ? new Forbidden('Only an admin can do this.') : new NotEnrolled();
  }
  if (!secondFactorSatisfied(adminRequireMfa.value(), actor.secondFactor)) {
    await writeAudit(actor, { action, outcome: 'denied', recordingId, reason: 'no-second-factor' });
    throw new Forbidden(
      'Admin actions need a sign-in with a second factor. Sign out, then sign in again with your second factor.',
      'second-factor-required',
    );
  }
  return user;
}

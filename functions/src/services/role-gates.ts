// The gates every use case passes first: an enrolled account (a users/ profile, read live), and
// for staff or admin actions the role. One owner, so an account without a profile gets the same
// 403 "not enrolled" on every route, and a refused admin action is audited the same way everywhere.
import { Forbidden, NotEnrolled } from '../errors';
import { writeAudit, type Actor } from '../store/audit';
import { getUserProfile, type UserProfile } from '../store/users';

/** The caller's live profile; 403 "not enrolled" without one. */
export async function requireEnrolled(actor: Actor): Promise<UserProfile> {
  const user = await getUserProfile(actor.uid);
  if (!user) throw new NotEnrolled();
  return user;
}

/** Admins and teachers (the recording estimate, the meeting page's controls). */
export async function requireStaff(actor: Actor): Promise<UserProfile> {
  const user = await requireEnrolled(actor);
  if (user.role === 'student') throw new Forbidden('Only staff (admins and teachers) can see this.');
  return user;
}

export async function requireAdmin(actor: Actor, action: string, recordingId?: string): Promise<UserProfile> {
  const user = await getUserProfile(actor.uid);
  if (user?.role !== 'admin') {
    await writeAudit(actor, { action, outcome: 'denied', recordingId, reason: user ? 'not-admin' : 'not-enrolled' });
    throw user ? new Forbidden('Only an admin can do this.') : new NotEnrolled();
  }
  return user;
}

// users/{uid}: the live source of roles. Never trust a role cached in a token claim.
import type { Role } from '../domain/access-check';
import { db } from './firebase';

export interface UserProfile {
  uid: string;
  role: Role;
  name: string;
  email: string;
}

export async function getUserProfile(uid: string): Promise<UserProfile | null> {
  const snap = await db().collection('users').doc(uid).get();
  if (!snap.exists) return null;
  const data = snap.data() as Omit<UserProfile, 'uid'>;
  return { uid, role: data.role, name: data.name, email: data.email };
}

/** Names of the given uids that are users (ids that cannot be document ids are skipped), one batched read. */
export async function userNames(uids: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(uids)].filter((uid) => /^[\w.@-]{1,128}$/.test(uid));
  const snaps = ids.length ? await db().getAll(...ids.map((uid) => db().collection('users').doc(uid))) : [];
  return new Map(snaps.filter((s) => s.exists).map((s) => [s.id, s.get('name') as string]));
}

/** LiveKit identities are uids on this platform; an identity we do not know keeps its own name. */
export async function participantNames(identities: string[]): Promise<Array<{ identity: string; name: string }>> {
  const names = await userNames(identities);
  return identities.map((identity) => ({ identity, name: names.get(identity) ?? identity }));
}

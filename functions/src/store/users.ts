// users/{uid}: the live source of roles. Never trust a role cached in a token claim.
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import type { Role } from '../domain/access/access-check';
import { db } from './firebase';
import { indexedQuery } from './indexed-query';

export interface UserProfile {
  uid: string;
  role: Role;
  name: string;
  email: string;
  /** False once the user turned LectureVault's mail off (users/{uid}.mailOptOut, store/mail.ts). */
  mailEnabled: boolean;
}

const users = () => db().collection('users');

/** For store modules that read a user in their own batched read. */
export const userRef = (uid: string) => users().doc(uid);

/** The one document → UserProfile converter (for an existing document). */
export function profileOf(snap: DocumentSnapshot): UserProfile {
  const data = snap.data() as Omit<UserProfile, 'uid' | 'mailEnabled'> & { mailOptOut?: boolean };
  return { uid: snap.id, role: data.role, name: data.name, email: data.email, mailEnabled: data.mailOptOut !== true };
}

export async function getUserProfile(uid: string): Promise<UserProfile | null> {
  const snap = await userRef(uid).get();
  return snap.exists ? profileOf(snap) : null;
}

/** The users among `uids` that exist, in one batched read. */
export async function userProfiles(uids: Iterable<string>): Promise<UserProfile[]> {
  const ids = [...new Set(uids)];
  const snaps = ids.length ? await db().getAll(...ids.map(userRef)) : [];
  return snaps.filter((s) => s.exists).map(profileOf);
}

/** The users with these emails (lower case), 30 to a query (Firestore's `in` limit). */
export async function usersWithEmails(emails: readonly string[]): Promise<UserProfile[]> {
  const found: UserProfile[] = [];
  for (let i = 0; i < emails.length; i += 30) {
    const chunk = emails.slice(i, i + 30);
    found.push(...(await indexedQuery(users(), { anyOf: { email: chunk } }).get()).docs.map(profileOf));
  }
  return found;
}

/** Up to `limit` users, by name: the console's people pickers (a school's staff and students). */
export async function usersByName(limit: number): Promise<UserProfile[]> {
  return (await indexedQuery(users(), { orderBy: [['name', 'asc']], limit }).get()).docs.map(profileOf);
}

export async function usersWithRole(role: Role): Promise<UserProfile[]> {
  return (await indexedQuery(users(), { equals: { role } }).get()).docs.map(profileOf);
}

/** Names of the given uids that are users (ids that cannot be document ids are skipped), one batched read. */
export async function userNames(uids: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(uids)].filter((uid) => /^[\w.@-]{1,128}$/.test(uid));
  return new Map((await userProfiles(ids)).map((u) => [u.uid, u.name]));
}

/** LiveKit identities are uids on this platform; an identity we do not know keeps its own name. */
export async function participantNames(identities: string[]): Promise<Array<{ identity: string; name: string }>> {
  const names = await userNames(identities);
  return identities.map((identity) => ({ identity, name: names.get(identity) ?? identity }));
}

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

// Firebase Auth, for the HTTP edge: verifying the ID token a request carries.
import { auth } from './firebase';

export interface VerifiedToken {
  uid: string;
  email?: string;
}

/** The token's user; throws when the token is invalid, expired or revoked. */
export async function verifyIdToken(idToken: string): Promise<VerifiedToken> {
  const token = await auth().verifyIdToken(idToken);
  return { uid: token.uid, email: token.email };
}

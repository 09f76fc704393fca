// Firebase Auth, for the HTTP edge: verifying the ID token a request carries, and asking Auth
// whether an account is still live for requests that carry no token (the native-HLS key cookie).
import { auth } from './firebase';

export interface VerifiedToken {
  uid: string;
  email?: string;
  /** The second factor of this sign-in ('phone', 'totp'), from the token's firebase.sign_in_second_factor. */
  secondFactor?: string;
}

/** Why Auth refused a token or an account; the HTTP edge turns it into a 401 with words for the user. */
export type TokenRejection = 'invalid' | 'revoked' | 'disabled';

export class TokenRejected extends Error {
  /** For audit reasons ("token-revoked"), like a DomainError's code. */
  readonly code: string;
  constructor(readonly reason: TokenRejection) {
    super(`ID token rejected: ${reason}`);
    this.name = 'TokenRejected';
    this.code = `token-${reason}`;
  }
}

function rejectionOf(error: unknown): TokenRejection {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'auth/user-disabled') return 'disabled';
  if (code === 'auth/id-token-revoked') return 'revoked';
  return 'invalid';
}

/**
 * The token's user; throws TokenRejected when the token is invalid or expired. With checkRevoked
 * it also asks Auth (one more round trip) whether the account is disabled or its refresh tokens
 * were revoked since this sign-in: the caller is cut at once, not when the token expires (≤ 1 h).
 */
export async function verifyIdToken(idToken: string, { checkRevoked = false } = {}): Promise<VerifiedToken> {
  try {
    const token = await auth().verifyIdToken(idToken, checkRevoked);
    const secondFactor = token.firebase?.sign_in_second_factor;
    return { uid: token.uid, email: token.email, ...(secondFactor ? { secondFactor } : {}) };
  } catch (error) {
    throw new TokenRejected(rejectionOf(error));
  }
}

/**
 * For a request that carries no ID token but a credential minted at `sinceMs` for `uid`: throws
 * TokenRejected when the account is disabled, gone, or signed out everywhere since then — the
 * same cut verifyIdToken(…, { checkRevoked: true }) makes for a token.
 */
export async function assertAccountLive(uid: string, sinceMs: number): Promise<void> {
  let user;
  try {
    user = await auth().getUser(uid);
  } catch {
    throw new TokenRejected('invalid');
  }
  if (user.disabled) throw new TokenRejected('disabled');
  // tokensValidAfterTime has whole seconds: a credential from the same second as the revocation survives.
  const validAfterMs = user.tokensValidAfterTime ? Date.parse(user.tokensValidAfterTime) : 0;
  if (validAfterMs > sinceMs) throw new TokenRejected('revoked');
}

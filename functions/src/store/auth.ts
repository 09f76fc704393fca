// Firebase Auth, for the HTTP edge: verifying the ID token a request carries, asking Auth whether
// an account is still live for requests that carry no token (the native-HLS key cookie), and
// minting the custom token the recording widget signs its own Firebase app in with (feed sessions).
import { auth } from './firebase';

export interface VerifiedToken {
  uid: string;
  email?: string;
  /** The second factor of this sign-in ('phone', 'totp'), from the token's firebase.sign_in_second_factor. */
  secondFactor?: string;
  /** How this sign-in was made ('password', 'custom', 'google.com', …): firebase.sign_in_provider. */
  signInProvider?: string;
  /** Whether the account's email is verified (by its provider, or by us): the token's email_verified. */
  emailVerified: boolean;
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

/**
 * The one claim a feed session carries (POST /api/embed/feed-token): not a role (the rules read it
 * from users/), a mark. The widget's own sign-in is refreshable for as long as the account lives, so
 * a session made from it must open nothing but what the rules let it read: the API refuses its
 * tokens, or one leaked ID token (an hour) could be traded for a session that never ends.
 */
const FEED_SESSION_CLAIM = 'lvFeed';

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
  let token;
  try {
    token = await auth().verifyIdToken(idToken, checkRevoked);
  } catch (error) {
    throw new TokenRejected(rejectionOf(error));
  }
  if (token[FEED_SESSION_CLAIM] === true) throw new TokenRejected('invalid');
  const secondFactor = token.firebase?.sign_in_second_factor;
  const signInProvider = token.firebase?.sign_in_provider;
  return {
    uid: token.uid,
    email: token.email,
    emailVerified: token.email_verified === true,
    ...(secondFactor ? { secondFactor } : {}),
    ...(signInProvider ? { signInProvider } : {}),
  };
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

/**
 * A custom token for `uid`, marked as a feed session (FEED_SESSION_CLAIM). In the Auth emulator the
 * Admin SDK signs nothing; in production it signs through IAM (signBlob), which the runtime's
 * service account must be allowed on itself (docs/production.md). The token is a credential: never logged.
 */
export async function mintFeedSessionToken(uid: string): Promise<string> {
  return auth().createCustomToken(uid, { [FEED_SESSION_CLAIM]: true });
}

/**
 * A custom token for `uid`, the users/ account a school sign-in was matched to: the web app signs in
 * with it, so every later request is that account's own (same signing as mintFeedSessionToken; no
 * claim, so the API takes its tokens). A credential: never logged.
 */
export async function mintMatchedSessionToken(uid: string): Promise<string> {
  return auth().createCustomToken(uid);
}

/**
 * Deletes an Auth account a provider sign-in made that is nobody's LectureVault account (its caller
 * checks users/ first): a stranger's sign-in leaves nothing behind. Only an account that has nothing
 * but identity-provider sign-ins: one with a password was made by someone on purpose, and stays.
 */
export async function deleteProviderOnlyAccount(uid: string): Promise<void> {
  try {
    const user = await auth().getUser(uid);
    const ours = user.providerData.some((p) => p.providerId === 'password' || p.providerId === 'phone');
    if (!ours && user.providerData.length > 0) await auth().deleteUser(uid);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== 'auth/user-not-found') throw error;
  }
}

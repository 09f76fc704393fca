// Auth port: the module that imports Firebase (with its lazy second-factor-port.ts and
// pushed-feed.ts, which brings Firestore). Initialises
// the Firebase app lazily, on first use, and turns Firebase errors into AuthFailure carrying the
// Firebase error code.
import { initializeApp } from 'firebase/app';
import {
  browserLocalPersistence,
  browserSessionPersistence,
  connectAuthEmulator,
  getIdToken,
  indexedDBLocalPersistence,
  initializeAuth,
  confirmPasswordReset,
  onAuthStateChanged,
  sendPasswordResetEmail,
  signInWithEmailAndPassword,
  verifyPasswordResetCode,
  signOut,
  type Auth,
} from 'firebase/auth';
import type { FirebaseSettings } from '../config';
import { toAuthFailure } from './auth-failure';
import type { SecondFactorPort } from './second-factor-port';
import { pageLoaded } from './page-loaded';
import type { PushedFeed } from './pushed-feed';
import type { SchoolProvider } from './school-sign-in-port';

export type { SchoolProvider } from './school-sign-in-port';

export interface AuthUser {
  readonly uid: string;
  readonly email: string | null;
}

export interface AuthPort {
  /** Calls back with the current user at once, then on every change. Returns an unsubscribe. */
  onChange(listener: (user: AuthUser | null) => void): () => void;
  signIn(email: string, password: string): Promise<void>;
  /**
   * Sends the password-reset mail. Resolves alike whether or not an account uses the address (an
   * unknown address is not an error), so nobody learns which addresses have accounts.
   */
  sendPasswordReset(email: string): Promise<void>;
  /** Sets a new password with the reset link's code; resolves with the account's email. */
  resetPassword(code: string, newPassword: string): Promise<string>;
  /**
   * Signs in with the school's Google or Microsoft account (a lazy chunk): the provider's sign-in is
   * exchanged for the users/ account with the same verified email (`exchange`, the API's
   * POST /api/auth/school-session), then this app signs in as that account.
   */
  signInWithSchool(provider: SchoolProvider, exchange: (providerIdToken: string) => Promise<string>): Promise<void>;
  signOut(): Promise<void>;
  /** A fresh-enough ID token for the signed-in user, or null when signed out. */
  idToken(forceRefresh?: boolean): Promise<string | null>;
  /** Multi-factor sign-in and enrolment: a lazy chunk, loaded on first use. */
  secondFactor(): Promise<SecondFactorPort>;
  /**
   * The pushed documents' listeners (Firestore, signed in as this user): a lazy chunk, fetched only
   * once the page's load event has fired.
   */
  pushedFeed(): Promise<PushedFeed>;
}

/** The code Firebase gives a password sign-in that still needs its second factor. */
export const SECOND_FACTOR_REQUIRED = 'auth/multi-factor-auth-required';

export function createFirebaseAuthPort(settings: FirebaseSettings): AuthPort {
  let auth: Auth | null = null;
  let pushed: PushedFeed | null = null;

  function instance(): Auth {
    if (auth) return auth;
    const app = initializeApp(settings.options);
    // getAuth() without its popup/redirect resolver: we sign in with email and password only, and
    // the resolver would load apis.google.com's script and an authDomain iframe up front on Safari
    // and mobile browsers, which the CSP (firebase.json) rightly refuses. Same persistence as getAuth.
    auth = initializeAuth(app, {
      persistence: [indexedDBLocalPersistence, browserLocalPersistence, browserSessionPersistence],
    });
    if (settings.authEmulatorUrl) {
      connectAuthEmulator(auth, settings.authEmulatorUrl, { disableWarnings: true });
    }
    return auth;
  }

  return {
    onChange(listener) {
      return onAuthStateChanged(instance(), (user) => listener(user ? { uid: user.uid, email: user.email } : null));
    },
    async signIn(email, password) {
      try {
        await signInWithEmailAndPassword(instance(), email, password);
      } catch (error) {
        throw toAuthFailure(error);
      }
    },
    async sendPasswordReset(email) {
      try {
        await sendPasswordResetEmail(instance(), email);
      } catch (error) {
        const failure = toAuthFailure(error);
        if (failure.code !== 'auth/user-not-found') throw failure; // answered as if it were sent
      }
    },
    async resetPassword(code, newPassword) {
      try {
        const email = await verifyPasswordResetCode(instance(), code);
        await confirmPasswordReset(instance(), code, newPassword);
        return email;
      } catch (error) {
        throw toAuthFailure(error);
      }
    },
    async signInWithSchool(provider, exchange) {
      const { signInWithSchoolAccount } = await import('./school-sign-in-port');
      await signInWithSchoolAccount(instance(), settings, provider, exchange);
    },
    async signOut() {
      await signOut(instance());
    },
    async idToken(forceRefresh = false) {
      const current = instance();
      await current.authStateReady();
      return current.currentUser ? getIdToken(current.currentUser, forceRefresh) : null;
    },
    async secondFactor() {
      const { createSecondFactorPort } = await import('./second-factor-port');
      return createSecondFactorPort(instance());
    },
    async pushedFeed() {
      await pageLoaded();
      const { createPushedFeed } = await import('./pushed-feed');
      pushed ??= createPushedFeed(instance().app, settings);
      return pushed;
    },
  };
}

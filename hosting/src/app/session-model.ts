// Session model: who is signed in, their LectureVault profile (from GET /api/me), and the
// sign-in / sign-out actions. Role comes from the server profile, never from token claims. A
// createModel model: it stops listening to the auth state when disposed.
import { batch, createModel, signal, type ReadonlySignal } from '@preact/signals';
import { AuthFailure } from '../api/auth-failure';
import { SECOND_FACTOR_REQUIRED, type AuthPort, type AuthUser, type SchoolProvider } from '../api/auth-port';
import type { SecondFactorChallenge } from '../api/second-factor-port';
import type { Profile } from '../api/me-api';
import { onDispose } from '../ui/model-lifetime';
import { describeAuthError, describeProfileError, describeSchoolSignInError, isProfileRefusal } from './session-derive';

/** 'error': signed in to Firebase, but the profile could not be loaded (retryable). */
export type SessionStatus = 'loading' | 'signed-out' | 'signed-in' | 'error';

export interface SessionPort {
  readonly auth: AuthPort;
  loadProfile(): Promise<Profile>;
  /** The API's exchange of a school account's ID token for the matched account's custom token. */
  exchangeSchoolSignIn(providerIdToken: string): Promise<string>;
}

export interface SessionModel {
  readonly user: ReadonlySignal<AuthUser | null>;
  readonly profile: ReadonlySignal<Profile | null>;
  readonly status: ReadonlySignal<SessionStatus>;
  /** Human-readable, ready to show. */
  readonly error: ReadonlySignal<string | null>;
  readonly signingIn: ReadonlySignal<boolean>;
  /** A password sign-in that still needs its second factor (the sign-in page's next step). */
  readonly secondFactor: ReadonlySignal<SecondFactorChallenge | null>;
  signIn(email: string, password: string): Promise<void>;
  /** Sign-in with the school's Google or Microsoft account (matched to users/ by the API). */
  signInWithSchool(provider: SchoolProvider): Promise<void>;
  /** Back to the password form (a pending second-factor sign-in is dropped). */
  cancelSecondFactor(): void;
  signOut(): Promise<void>;
  retryProfile(): void;
  /** Reloads the profile without leaving the page (after the sign-in's second factor changed). */
  refreshProfile(): Promise<void>;
}

export const SessionModel = createModel<SessionModel, [port: SessionPort]>((port) => {
  const user = signal<AuthUser | null>(null);
  const profile = signal<Profile | null>(null);
  const status = signal<SessionStatus>('loading');
  const error = signal<string | null>(null);
  const signingIn = signal(false);
  const secondFactor = signal<SecondFactorChallenge | null>(null);
  // Bumped on every auth change so a late /api/me answer for an earlier user is ignored.
  let generation = 0;

  async function loadProfile(forUser: AuthUser, quiet = false): Promise<void> {
    const mine = ++generation;
    if (!quiet) status.value = 'loading';
    try {
      const loaded = await port.loadProfile();
      if (mine !== generation) return;
      if (loaded.uid !== forUser.uid) throw new Error('profile belongs to another user');
      batch(() => {
        profile.value = loaded;
        error.value = null;
        status.value = 'signed-in';
      });
    } catch (failure) {
      if (mine !== generation) return;
      error.value = describeProfileError(failure);
      if (isProfileRefusal(failure)) {
        // The account is not (or no longer) allowed in: end the Firebase session too. The auth
        // listener then moves us to signed-out, keeping the message for the sign-in page.
        await port.auth.signOut().catch(() => undefined);
      } else {
        status.value = 'error';
      }
    }
  }

  const unsubscribe = port.auth.onChange((next) => {
    user.value = next;
    if (next) {
      secondFactor.value = null;
      void loadProfile(next);
      return;
    }
    generation++;
    batch(() => {
      profile.value = null;
      status.value = 'signed-out';
    });
  });
  onDispose(unsubscribe);

  return {
    user,
    profile,
    status,
    error,
    signingIn,
    secondFactor,
    async signIn(email, password) {
      if (signingIn.value) return;
      batch(() => {
        signingIn.value = true;
        error.value = null;
      });
      try {
        await port.auth.signIn(email.trim(), password);
      } catch (failure) {
        if (failure instanceof AuthFailure && failure.code === SECOND_FACTOR_REQUIRED) {
          try {
            secondFactor.value = (await port.auth.secondFactor()).challenge(failure);
            return;
          } catch {
            error.value = 'The second sign-in step could not load. Check your connection and try again.';
            return;
          }
        }
        error.value = describeAuthError(failure instanceof AuthFailure ? failure.code : 'unknown');
      } finally {
        signingIn.value = false;
      }
    },
    async signInWithSchool(provider) {
      if (signingIn.value) return;
      batch(() => {
        signingIn.value = true;
        error.value = null;
      });
      try {
        await port.auth.signInWithSchool(provider, port.exchangeSchoolSignIn);
      } catch (failure) {
        error.value = describeSchoolSignInError(failure);
      } finally {
        signingIn.value = false;
      }
    },
    cancelSecondFactor() {
      secondFactor.value = null;
    },
    async signOut() {
      error.value = null;
      await port.auth.signOut();
    },
    retryProfile() {
      if (user.value) void loadProfile(user.value);
    },
    async refreshProfile() {
      if (user.value) await loadProfile(user.value, true);
    },
  };
});

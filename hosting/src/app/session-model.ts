// Session model: who is signed in, their LectureVault profile (from GET /api/me), and the
// sign-in / sign-out actions. Role comes from the server profile, never from token claims. A
// createModel model: it stops listening to the auth state when disposed.
import { batch, createModel, signal, type ReadonlySignal } from '@preact/signals';
import { AuthFailure, type AuthPort, type AuthUser } from '../api/auth-port';
import type { Profile } from '../api/me-api';
import { onDispose } from '../ui/model-lifetime';
import { describeAuthError, describeProfileError, isProfileRefusal } from './session-derive';

/** 'error': signed in to Firebase, but the profile could not be loaded (retryable). */
export type SessionStatus = 'loading' | 'signed-out' | 'signed-in' | 'error';

export interface SessionPort {
  readonly auth: AuthPort;
  loadProfile(): Promise<Profile>;
}

export interface SessionModel {
  readonly user: ReadonlySignal<AuthUser | null>;
  readonly profile: ReadonlySignal<Profile | null>;
  readonly status: ReadonlySignal<SessionStatus>;
  /** Human-readable, ready to show. */
  readonly error: ReadonlySignal<string | null>;
  readonly signingIn: ReadonlySignal<boolean>;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  retryProfile(): void;
}

export const SessionModel = createModel<SessionModel, [port: SessionPort]>((port) => {
  const user = signal<AuthUser | null>(null);
  const profile = signal<Profile | null>(null);
  const status = signal<SessionStatus>('loading');
  const error = signal<string | null>(null);
  const signingIn = signal(false);
  // Bumped on every auth change so a late /api/me answer for an earlier user is ignored.
  let generation = 0;

  async function loadProfile(forUser: AuthUser): Promise<void> {
    const mine = ++generation;
    status.value = 'loading';
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
    async signIn(email, password) {
      if (signingIn.value) return;
      batch(() => {
        signingIn.value = true;
        error.value = null;
      });
      try {
        await port.auth.signIn(email.trim(), password);
      } catch (failure) {
        error.value = describeAuthError(failure instanceof AuthFailure ? failure.code : 'unknown');
      } finally {
        signingIn.value = false;
      }
    },
    async signOut() {
      error.value = null;
      await port.auth.signOut();
    },
    retryProfile() {
      if (user.value) void loadProfile(user.value);
    },
  };
});

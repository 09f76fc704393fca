// Sign-in with the school's Google Workspace or Microsoft account (a lazy chunk: most people sign in
// with a password, and this brings Firebase's popup code). The provider signs in on a Firebase app
// of its own, kept in memory, so the app's session never holds the provider's account (which has no
// users/ entry and would be refused): its ID token is exchanged at the API for the matched
// account's custom token, and the app's own Auth signs in with that.
import { deleteApp, initializeApp } from 'firebase/app';
import {
  browserPopupRedirectResolver,
  connectAuthEmulator,
  GoogleAuthProvider,
  initializeAuth,
  inMemoryPersistence,
  OAuthProvider,
  signInWithCustomToken,
  signInWithPopup,
  type Auth,
} from 'firebase/auth';
import type { FirebaseSettings } from '../config';
import { toAuthFailure } from './auth-failure';

export type SchoolProvider = 'google' | 'microsoft';

function providerFor(provider: SchoolProvider): GoogleAuthProvider | OAuthProvider {
  const chosen = provider === 'google' ? new GoogleAuthProvider() : new OAuthProvider('microsoft.com');
  // Someone signed in to a personal account too picks the school's.
  chosen.setCustomParameters({ prompt: 'select_account' });
  return chosen;
}

export async function signInWithSchoolAccount(
  main: Auth,
  settings: FirebaseSettings,
  provider: SchoolProvider,
  exchange: (providerIdToken: string) => Promise<string>,
): Promise<void> {
  const app = initializeApp(settings.options, `school-sign-in-${Date.now()}`);
  try {
    const auth = initializeAuth(app, {
      persistence: inMemoryPersistence,
      popupRedirectResolver: browserPopupRedirectResolver,
    });
    if (settings.authEmulatorUrl) connectAuthEmulator(auth, settings.authEmulatorUrl, { disableWarnings: true });
    let idToken: string;
    try {
      idToken = await (await signInWithPopup(auth, providerFor(provider))).user.getIdToken();
    } catch (error) {
      throw toAuthFailure(error);
    }
    const customToken = await exchange(idToken); // an ApiError ("not registered") goes to the caller as is
    try {
      await signInWithCustomToken(main, customToken);
    } catch (error) {
      throw toAuthFailure(error);
    }
  } finally {
    await deleteApp(app).catch(() => undefined);
  }
}

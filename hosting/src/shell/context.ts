// Composition root: builds the ports, the API clients and the models once and hands them to
// components via AppCtx (app/app-context.ts; components never build an API client of their own).
import { computed, effect, untracked } from '@preact/signals';
import { createAdminApi } from '../api/admin-api';
import { createAttendanceApi } from '../api/attendance-api';
import { createCaptionsApi } from '../api/captions-api';
import { createFirebaseAuthPort } from '../api/auth-port';
import { createApiFetch } from '../api/http-api';
import { browserLocation } from '../api/location-port';
import { createMeApi, exchangeSchoolSignIn, fetchProfile } from '../api/me-api';
import { createMeetingsApi } from '../api/meetings-api';
import { createPlaybackApi } from '../api/playback-api';
import { createRecordingsApi } from '../api/recordings-api';
import type { ApiClients, AppContext } from '../app/app-context';
import { RouterModel } from '../app/router-model';
import { HOME } from '../app/routes';
import { resolveScreen } from '../app/screen-derive';
import { SessionModel } from '../app/session-model';
import { createSignInModel, type DemoAccountSource } from '../app/sign-in-model';
import { createUnreadAlertsModel } from '../app/unread-alerts-model';
import { readFirebaseSettings, SCHOOL_PROVIDERS, USE_EMULATORS } from '../config';
import { createPasswordResetModel, resetCodeFrom } from '../app/password-reset-model';

// Folded to null in production builds, which drops shell/demo-accounts.ts from the bundle.
const demoAccounts: DemoAccountSource = USE_EMULATORS
  ? () => import('./demo-accounts').then((module) => module.DEMO_ACCOUNTS)
  : null;

/** Throws ConfigError when the build lacks its Firebase configuration. */
export function createAppContext(): AppContext {
  const auth = createFirebaseAuthPort(readFirebaseSettings());
  const apiFetch = createApiFetch(() => auth.idToken());
  const api: ApiClients = {
    recordings: createRecordingsApi(apiFetch),
    meetings: createMeetingsApi(apiFetch),
    admin: createAdminApi(apiFetch, () => auth.idToken()),
    attendance: createAttendanceApi(apiFetch),
    playback: createPlaybackApi(apiFetch),
    captions: createCaptionsApi(apiFetch),
    me: createMeApi(apiFetch),
  };
  const session = new SessionModel({ auth, loadProfile: () => fetchProfile(apiFetch), exchangeSchoolSignIn });
  const router = new RouterModel(browserLocation());
  const signIn = createSignInModel(session, demoAccounts, SCHOOL_PROVIDERS);
  // Opened from a password-reset mail: its code is in the query (the hash stays the router's).
  const passwordReset = createPasswordResetModel(auth, resetCodeFrom(window.location.search), () =>
    history.replaceState(history.state, '', `${window.location.pathname}${window.location.hash}`),
  );
  const screen = computed(() => resolveScreen(session.status.value, router.route.value));

  // Signed in but looking at #/signin (after signing in, or a stale bookmark): go home.
  const stopRedirect = effect(() => {
    if (session.status.value === 'signed-in' && router.route.value.name === 'signin') router.replace(HOME);
  });

  // The badge follows its document only while an admin is signed in (nobody else may read it, nor
  // needs the Firestore chunk) who may use the admin API: one who still owes the second factor
  // ADMIN_REQUIRE_MFA asks for sees no badge, as no inbox. Signing out (or in as someone else) stops it.
  const unreadAlerts = createUnreadAlertsModel({
    feed: () => auth.pushedFeed().then((pushed) => pushed.alertsBadge),
    load: () => api.admin.unreadAlertCount(),
  });
  const isAdmin = computed(() => session.profile.value?.role === 'admin' && !session.profile.value.secondFactorNeeded);
  const stopBadge = effect(() => (isAdmin.value ? untracked(() => unreadAlerts.start()) : undefined));

  return {
    session,
    router,
    signIn,
    passwordReset,
    screen,
    unreadAlerts,
    api,
    idToken: () => auth.idToken(),
    secondFactor: () => auth.secondFactor(),
    recordingFeed: () => auth.pushedFeed().then((pushed) => pushed.recordingStates),
    async signOut() {
      await session.signOut();
      router.navigate({ name: 'signin' });
    },
    dispose() {
      stopRedirect();
      stopBadge();
      session[Symbol.dispose]();
      router[Symbol.dispose]();
    },
  };
}

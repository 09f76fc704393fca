// Composition root: builds the ports, the API clients and the models once and hands them to
// components via AppCtx (components never build an API client of their own).
import { computed, effect, untracked, type ReadonlySignal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createAdminApi, type AdminApi } from '../api/admin-api';
import { createAttendanceApi, type AttendanceApi } from '../api/attendance-api';
import { createFirebaseAuthPort } from '../api/auth-port';
import { createApiFetch } from '../api/http-api';
import { browserLocation } from '../api/location-port';
import { createMeApi, fetchProfile, type MeApi } from '../api/me-api';
import { createMeetingsApi, type MeetingsApi } from '../api/meetings-api';
import { createPlaybackApi, type PlaybackApi } from '../api/playback-api';
import { createRecordingsApi, type RecordingsApi } from '../api/recordings-api';
import { readFirebaseSettings, USE_EMULATORS } from '../config';
import { createRouterModel, type RouterModel } from '../app/router-model';
import { HOME } from '../app/routes';
import { resolveScreen, type Screen } from '../app/screen-derive';
import { createSessionModel, type SessionModel } from '../app/session-model';
import { createSignInModel, type DemoAccountSource, type SignInModel } from '../app/sign-in-model';
import { createUnreadAlertsModel, type UnreadAlertsModel } from '../app/unread-alerts-model';

/** One client per API area, over the same authenticated apiFetch. */
export interface ApiClients {
  readonly recordings: RecordingsApi;
  readonly meetings: MeetingsApi;
  readonly admin: AdminApi;
  readonly attendance: AttendanceApi;
  readonly playback: PlaybackApi;
  readonly me: MeApi;
}

export interface AppContext {
  readonly session: SessionModel;
  readonly router: RouterModel;
  readonly signIn: SignInModel;
  readonly screen: ReadonlySignal<Screen>;
  /** Unread admin alerts, for the navigation badge (null for other roles). */
  readonly unreadAlerts: UnreadAlertsModel;
  readonly api: ApiClients;
  /** The signed-in user's Firebase ID token, for requests the API clients cannot make (hls.js media requests). */
  idToken(): Promise<string | null>;
  /** Signs out and lands on #/signin. */
  signOut(): Promise<void>;
  dispose(): void;
}

// Folded to null in production builds, which drops dev/demo-accounts from the bundle.
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
    me: createMeApi(apiFetch),
  };
  const session = createSessionModel({ auth, loadProfile: () => fetchProfile(apiFetch) });
  const router = createRouterModel(browserLocation());
  const signIn = createSignInModel(session, demoAccounts);
  const screen = computed(() => resolveScreen(session.status.value, router.route.value));

  // Signed in but looking at #/signin (after signing in, or a stale bookmark): go home.
  const stopRedirect = effect(() => {
    if (session.status.value === 'signed-in' && router.route.value.name === 'signin') router.replace(HOME);
  });

  // The badge polls only while an admin is signed in; signing out (or in as someone else) stops it.
  const unreadAlerts = createUnreadAlertsModel(() => api.admin.unreadAlertCount());
  const isAdmin = computed(() => session.profile.value?.role === 'admin');
  const stopBadge = effect(() => (isAdmin.value ? untracked(() => unreadAlerts.start()) : undefined));

  return {
    session,
    router,
    signIn,
    screen,
    unreadAlerts,
    api,
    idToken: () => auth.idToken(),
    async signOut() {
      await session.signOut();
      router.navigate({ name: 'signin' });
    },
    dispose() {
      stopRedirect();
      stopBadge();
      session.dispose();
      router.dispose();
    },
  };
}

export const AppCtx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const context = useContext(AppCtx);
  if (!context) throw new Error('useApp() outside <AppCtx.Provider>');
  return context;
}

// What every view may read from the running app: the API clients, the session, the router and
// the shared models, handed down through AppCtx. The shell builds it (shell/context.ts); features
// only read it, so they never depend on the shell.
import type { ReadonlySignal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AdminApi } from '../api/admin-api';
import type { AttendanceApi } from '../api/attendance-api';
import type { CaptionsApi } from '../api/captions-api';
import type { MeApi, Profile } from '../api/me-api';
import type { MeetingsApi } from '../api/meetings-api';
import type { PlaybackApi } from '../api/playback-api';
import type { RecordingsApi } from '../api/recordings-api';
import type { SecondFactorPort } from '../api/second-factor-port';
import type { RecordingFeed } from '../api/pushed-feed';
import type { RouterModel } from './router-model';
import type { Screen } from './screen-derive';
import type { SessionModel } from './session-model';
import type { SignInModel } from './sign-in-model';
import type { PasswordResetModel } from './password-reset-model';
import type { UnreadAlertsModel } from './unread-alerts-model';

/** One client per API area, over the same authenticated apiFetch. */
export interface ApiClients {
  readonly recordings: RecordingsApi;
  readonly meetings: MeetingsApi;
  readonly admin: AdminApi;
  readonly attendance: AttendanceApi;
  readonly playback: PlaybackApi;
  readonly captions: CaptionsApi;
  readonly me: MeApi;
}

export interface AppContext {
  readonly session: SessionModel;
  readonly router: RouterModel;
  readonly signIn: SignInModel;
  readonly passwordReset: PasswordResetModel;
  readonly screen: ReadonlySignal<Screen>;
  /** Unread admin alerts, for the navigation badge (null for other roles): follows adminBadges/alerts. */
  readonly unreadAlerts: UnreadAlertsModel;
  readonly api: ApiClients;
  /** The signed-in user's Firebase ID token, for requests the API clients cannot make (hls.js media requests). */
  idToken(): Promise<string | null>;
  /** Firebase multi-factor enrolment for the signed-in user (a lazy chunk, loaded on first use). */
  secondFactor(): Promise<SecondFactorPort>;
  /** The meeting's recording state, pushed (Firestore, a lazy chunk loaded by the pages that follow one). */
  recordingFeed(): Promise<RecordingFeed>;
  /** Signs out and lands on #/signin. */
  signOut(): Promise<void>;
  dispose(): void;
}

/** What the home page hands every section it renders. */
export interface SectionProps {
  readonly profile: Profile;
}

export const AppCtx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const context = useContext(AppCtx);
  if (!context) throw new Error('useApp() outside <AppCtx.Provider>');
  return context;
}

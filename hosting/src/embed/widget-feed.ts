// The recording widget's lazy chunk for following recordingStates/ (loaded when a recording widget
// opens; Firebase is far larger than the widget itself). A Firebase app of the widget's own
// ('lecturevault-widget') with Auth kept in memory only, so the host page's own Firebase app and
// its stored sign-in are never touched; signed in with the custom token the API trades for the
// host's ID token (feed-session.ts decides when); the listener is the meeting page's
// (api/pushed-feed.ts), started once the host page has loaded.
import { getApps, initializeApp } from 'firebase/app';
import {
  connectAuthEmulator,
  inMemoryPersistence,
  initializeAuth,
  signInWithCustomToken,
  signOut,
} from 'firebase/auth';
import { createCall } from '../api/call';
import { pageLoaded } from '../api/page-loaded';
import { createPushedFeed, type RecordingFeed } from '../api/pushed-feed';
import { postFeedToken } from '../api/wire';
import { readFirebaseSettings } from '../config';
import { apiFetch, hostUser } from './embed-context';
import { createFeedSession } from './feed-session';

const APP_NAME = 'lecturevault-widget';

let feed: RecordingFeed | null = null;

/** The widgets' one feed (every recording widget on the page shares its session). */
export function widgetRecordingFeed(): RecordingFeed {
  if (feed) return feed;
  const settings = readFirebaseSettings();
  const app = getApps().find((a) => a.name === APP_NAME) ?? initializeApp(settings.options, APP_NAME);
  // No popup/redirect resolver (nothing loads from apis.google.com) and no persistence: the session
  // lives as long as the page and is the widget's alone.
  const auth = initializeAuth(app, { persistence: inMemoryPersistence });
  if (settings.authEmulatorUrl) connectAuthEmulator(auth, settings.authEmulatorUrl, { disableWarnings: true });
  const call = createCall(apiFetch);
  feed = createFeedSession({
    hostUser,
    signedInAs: () => auth.currentUser?.uid ?? null,
    async signIn() {
      const [{ customToken }] = await Promise.all([call(postFeedToken, { what: 'a feed token' }), pageLoaded()]);
      await signInWithCustomToken(auth, customToken);
    },
    signOut: () => signOut(auth),
    feed: createPushedFeed(app, settings).recordingStates,
  });
  return feed;
}

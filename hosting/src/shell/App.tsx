// Top-level switch: loading, sign-in, session error, or a signed-in page; the skip link, and the
// note of each screen change that moves focus to the new page's heading (ui/page-focus.ts).
import type { Profile } from '../api/me-api';
import { useApp } from '../app/app-context';
import { useMemo } from 'preact/hooks';
import { screenKey, type PageRoute } from '../app/screen-derive';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';
import { SessionErrorPage } from './SessionErrorPage';
import { SignInPage } from './SignInPage';
import { AppHeader } from './AppHeader';
import { lazyComponent } from '../ui/lazy-component';
import { LoadingPanel } from '../ui/StatusPanels';
import { focusMain, noteScreen } from '../ui/page-focus';

// Separate chunks: the meeting page (recording controls) and the player stay off the first route.
const MeetingPage = lazyComponent(
  () => import('../features/meeting/MeetingPage').then((module) => module.MeetingPage),
  'Loading meeting…',
);
const WatchPage = lazyComponent(
  () => import('../features/player/WatchPage').then((module) => module.WatchPage),
  'Loading player…',
);

function Page({ route, profile }: { route: PageRoute; profile: Profile }) {
  switch (route.name) {
    case 'home':
      return <HomePage profile={profile} section={route.section} />;
    case 'meeting':
      return <MeetingPage meetingId={route.meetingId} />;
    case 'watch':
      return <WatchPage recordingId={route.recordingId} />;
    case 'not-found':
      return <NotFoundPage path={route.path} />;
  }
}

export function App() {
  const { screen, session } = useApp();
  const current = screen.value;
  const key = screenKey(current);
  // During render, before the new page's heading runs its effects (which take the request).
  useMemo(() => noteScreen(key), [key]);
  switch (current.kind) {
    case 'loading':
      return (
        <main class="centered">
          <LoadingPanel label="Loading LectureVault…" />
        </main>
      );
    case 'session-error':
      return <SessionErrorPage />;
    case 'signin':
      return <SignInPage />;
    case 'page': {
      const profile = session.profile.value;
      if (!profile) return null;
      return (
        <div class="shell">
          {/* Not href="#main": the hash is the router's, so the link moves focus itself. */}
          <a
            class="skip-link"
            href="#main"
            onClick={(e) => {
              e.preventDefault();
              focusMain();
            }}
          >
            Skip to main content
          </a>
          <AppHeader profile={profile} />
          <main class="page" id="main" tabIndex={-1}>
            <Page route={current.route} profile={profile} />
          </main>
        </div>
      );
    }
  }
}
